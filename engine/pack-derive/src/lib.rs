//! `#[derive(Pack)]`: writes and reads a struct's fields, or an enum's variant number and
//! its fields, in declaration order, through `tarif_engine::pack::Pack`. The format is
//! described there; this only spells out the field-by-field code, so that adding a field
//! or a variant to a model type can never be forgotten by its encoding.
//!
//! Reading is one `Pack::unpack` call per field, nothing around it: a problem stops the
//! reader, which keeps it (see `tarif_engine::pack`). An enum's variant number comes from
//! `Reader::variant`, always below the count of variants, so the last variant's arm takes
//! what the others do not. A stopped reader gives variant 0 with its fields empty, so an
//! enum's first variant must not hold the enum itself but through a `Vec`, an `Option` or
//! a map (`Condition::All(Vec<Condition>)` is fine; `Not(Box<Condition>)` first would
//! never end).

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, parse_macro_input, parse_quote};

#[proc_macro_derive(Pack)]
pub fn derive_pack(input: TokenStream) -> TokenStream {
    let mut input = parse_macro_input!(input as DeriveInput);
    let path = quote!(::tarif_engine::pack);
    for param in input.generics.type_params_mut() {
        param.bounds.push(parse_quote!(::tarif_engine::pack::Pack));
    }
    let name = &input.ident;
    let (pack, unpack) = match &input.data {
        Data::Struct(s) => {
            let (pattern, writes, build) = fields(&s.fields);
            (
                quote! { let Self #pattern = self; #writes },
                quote! { Self #build },
            )
        }
        Data::Enum(e) if e.variants.is_empty() => {
            return syn::Error::new(e.enum_token.span, "Pack needs at least one variant")
                .to_compile_error()
                .into();
        }
        Data::Enum(e) => {
            let mut pack_arms = Vec::new();
            let mut unpack_arms = Vec::new();
            let last = e.variants.len() - 1;
            for (n, variant) in e.variants.iter().enumerate() {
                let tag = u32::try_from(n).expect("fewer than 2^32 variants");
                let v = &variant.ident;
                let (pattern, writes, build) = fields(&variant.fields);
                pack_arms.push(quote! {
                    Self::#v #pattern => { #path::Pack::pack(&#tag, w); #writes }
                });
                let tag = if n == last { quote!(_) } else { quote!(#tag) };
                unpack_arms.push(quote! { #tag => Self::#v #build, });
            }
            let count = u32::try_from(e.variants.len()).expect("fewer than 2^32 variants");
            (
                quote! { match self { #(#pack_arms)* } },
                quote! { match #path::Reader::variant(r, #count) { #(#unpack_arms)* } },
            )
        }
        Data::Union(u) => {
            return syn::Error::new(u.union_token.span, "Pack is for structs and enums")
                .to_compile_error()
                .into();
        }
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #path::Pack for #name #ty_generics #where_clause {
            fn pack(&self, w: &mut #path::Writer) { #pack }
            fn unpack(r: &mut #path::Reader<'_>) -> Self { #unpack }
        }
    }
    .into()
}

/// For one set of fields: the pattern binding them (`{ a, b }`, `(f0, f1)` or nothing),
/// the code writing each binding, and the constructor reading each in turn.
fn fields(fields: &Fields) -> (Tokens, Tokens, Tokens) {
    let path = quote!(::tarif_engine::pack);
    let read = quote!(#path::Pack::unpack(r));
    match fields {
        Fields::Named(named) => {
            let names: Vec<_> = named.named.iter().map(|f| &f.ident).collect();
            (
                quote!({ #(#names),* }),
                quote!(#( #path::Pack::pack(#names, w); )*),
                quote!({ #(#names: #read),* }),
            )
        }
        Fields::Unnamed(unnamed) => {
            let names: Vec<_> = (0..unnamed.unnamed.len())
                .map(|i| format_ident!("f{i}"))
                .collect();
            let reads = names.iter().map(|_| &read);
            (
                quote!(( #(#names),* )),
                quote!(#( #path::Pack::pack(#names, w); )*),
                quote!(( #(#reads),* )),
            )
        }
        Fields::Unit => (Tokens::new(), Tokens::new(), Tokens::new()),
    }
}
