#!/usr/bin/env python3
"""Generates the benchmark corpus: N memos of mixed ru/bg/en text, with front matter,
headings with ids, lists, tables and links between memos, as two sites with the same
text: a tarif site and a Hugo site (plain relative links for Hugo, which checks none).

usage: gen.py N OUT   (writes OUT/tarif and OUT/hugo; N is rounded to whole sections)
"""

import os
import random
import sys

LANGS = ["ru", "bg", "en"]
PER_SECTION = 34  # memos per section and language
WORDS = {
    "ru": "гарантия сервис устройство ремонт диагностика клиент срок замена деталь условие "
          "обслуживание заявка представительство договор оплата возврат документ специалист".split(),
    "bg": "гаранция сервиз устройство ремонт диагностика клиент срок подмяна част условие "
          "обслужване заявка представителство договор плащане връщане документ специалист".split(),
    "en": "warranty service device repair diagnostics client term replacement part condition "
          "maintenance request office contract payment return document specialist".split(),
}
HEADINGS = ["scope", "terms", "procedure", "exceptions", "prices", "contacts"]


def sentence(rng, lang):
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def paragraph(rng, lang):
    return "\n".join(sentence(rng, lang) for _ in range(rng.randint(3, 5)))


def body(rng, lang, slug, siblings, link):
    """Markdown with headings, lists, a table and links to sibling memos."""
    parts = []
    for h in HEADINGS:
        parts.append(f"## {h.capitalize()} {{#{h}}}\n\n{paragraph(rng, lang)}")
        target = rng.choice(siblings)
        anchor = rng.choice(HEADINGS)
        parts.append(f"See [{target}]({link(target, anchor)}) and **{rng.choice(WORDS[lang])}**.")
        if h == "procedure":
            parts.append("\n".join(f"- {sentence(rng, lang)}" for _ in range(4)))
        if h == "prices":
            rows = "\n".join(f"| {rng.choice(WORDS[lang])} | {rng.randint(10, 900)} |" for _ in range(4))
            parts.append(f"| item | price |\n| --- | ---: |\n{rows}")
    return "\n\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    sections = max(1, round(n / (PER_SECTION * len(LANGS))))
    rng = random.Random(42)
    tarif, hugo = os.path.join(out, "tarif"), os.path.join(out, "hugo")
    titles = "\n".join(f'{l} = "Bench {l}"' for l in LANGS)
    write(f"{tarif}/content/site.toml",
          f'company = "Bench"\ndefault_language = "en"\n\n[title]\n{titles}\n\n[description]\n{titles}\n')
    write(f"{hugo}/hugo.toml", hugo_config())
    for name, text in HUGO_LAYOUTS.items():
        write(f"{hugo}/layouts/{name}", text)
    for s in range(sections):
        sid = f"section-{s:03d}"
        write(f"{tarif}/content/{sid}/section.toml",
              f'languages = {LANGS!r}\n\n[title]\n{titles}\n\n[description]\n{titles}\n'.replace("'", '"'))
        slugs = [f"memo-{m:02d}" for m in range(PER_SECTION)]
        for lang in LANGS:
            write(f"{hugo}/content/{lang}/{sid}/_index.md", f'+++\ntitle = "{sid}"\n+++\n')
            for i, slug in enumerate(slugs):
                title = f"{sentence(rng, lang)[:40]} {i}"
                front = f'+++\ntitle = "{title}"\ndescription = "{sentence(rng, lang)}"\nweight = {i}\n+++\n\n'
                seed = rng.random()
                text_t = body(random.Random(seed), lang, slug, slugs, lambda t, a: f"./{t}.md#{a}")
                text_h = body(random.Random(seed), lang, slug, slugs, lambda t, a: f"../{t}/#{a}")
                write(f"{tarif}/content/{sid}/{lang}/{slug}.md", front + text_t)
                write(f"{hugo}/content/{lang}/{sid}/{slug}.md", front + text_h)
    print(f"{sections * PER_SECTION * len(LANGS)} memos in {sections} sections × {len(LANGS)} languages → {out}")


def hugo_config():
    langs = "\n".join(
        f'[languages.{l}]\ncontentDir = "content/{l}"\nweight = {i + 1}\ntitle = "Bench {l}"\n'
        for i, l in enumerate(LANGS))
    return ('baseURL = "https://bench.example/"\ndefaultContentLanguage = "en"\n'
            'defaultContentLanguageInSubdir = true\nrelativeURLs = true\n'
            'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
            '[markup.goldmark.parser.attribute]\ntitle = true\n' + langs)


# Templates doing what tarif's theme does: header, language switcher with hreflang,
# breadcrumbs, the section's pages, the memo.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a></li>{{ end }}</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<nav><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></nav>
<article><h1>{{ .Title }}</h1><p>{{ .Description }}</p>{{ .Content }}</article>
<aside><ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>{{ end }}
""",
}

if __name__ == "__main__":
    main()
