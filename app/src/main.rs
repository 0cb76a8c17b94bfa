fn main() {
    tarif_app::boot();
}
