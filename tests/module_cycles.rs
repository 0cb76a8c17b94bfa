//! The pipeline's stages and the app's parts depend on each other in one direction: no
//! module of `src/site/` or `app/src/` reaches back to a module that reaches it. Read from
//! the `use` lines (and `crate::…` / `super::…` paths) of each file, at the level of the
//! modules directly under those folders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The modules directly under `dir` (`load.rs`, `render/`, …) and, for each, the others
/// it names. `prefix` is how the crate names `dir` (`crate::site::` or `crate::`).
fn graph(dir: &Path, prefix: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" || name == "lib" || name == "main" {
            continue;
        }
        let mut files = Vec::new();
        collect(&path, &mut files);
        let mut deps = BTreeSet::new();
        for (file, depth) in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Only the code, not its tests: a test module may use anything.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            // `super::` from a file directly under `dir` names `dir`'s modules; from a
            // file one folder down, `super::super::` does.
            let up = "super::".repeat(depth + 1);
            for pattern in [prefix, up.as_str()] {
                for (at, _) in code.match_indices(pattern) {
                    let rest = &code[at + pattern.len()..];
                    let end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    let target = &rest[..end];
                    if !target.is_empty() && target != name && target != "super" {
                        deps.insert(target.to_owned());
                    }
                }
            }
        }
        modules.insert(name, deps);
    }
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    for deps in modules.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    modules
}

/// Every `.rs` file of a module, with how many folders below the module's own level it is.
fn collect(path: &Path, out: &mut Vec<(std::path::PathBuf, usize)>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                let mut inner = Vec::new();
                collect(&p, &mut inner);
                out.extend(inner.into_iter().map(|(f, d)| (f, d + 1)));
            } else if p.extension().is_some_and(|e| e == "rs") {
                let depth = usize::from(p.file_stem().is_some_and(|s| s != "mod"));
                out.push((p, depth));
            }
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push((path.to_owned(), 0));
    }
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_site_pipeline_and_the_app_have_no_module_cycles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (dir, prefix) in [("src/site", "crate::site::"), ("app/src", "crate::")] {
        let g = graph(&root.join(dir), prefix);
        assert!(g.len() > 4, "{dir}: {g:?}");
        if let Some(c) = cycle(&g) {
            panic!("{dir}: a module cycle: {}\n{g:#?}", c.join(" → "));
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycle(&g).unwrap(), ["a", "b", "c", "a"]);
}
