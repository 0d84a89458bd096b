//! The example designs get the verdict and the rule ids that `examples/designs/README.md` states.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly on a broken fixture"
)]

use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn example_designs_match_their_readme_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/designs");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let mut seen = BTreeSet::new();
    for row in readme.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let file = cells[1].trim_matches('`');
        let verdict = cells[2];
        let rules: BTreeSet<String> = match cells[3] {
            "none" => BTreeSet::new(),
            list => list.split(',').map(|r| r.trim().to_owned()).collect(),
        };
        let report = j43_model::check(&std::fs::read(dir.join(file)).unwrap());
        let got: BTreeSet<String> = report.rules().iter().map(|r| r.to_string()).collect();
        assert_eq!(report.verdict().as_str(), verdict, "{file}");
        assert_eq!(got, rules, "{file}: {:#?}", report.violations());
        seen.insert(file.to_owned());
    }
    // Every design in the folder is in the table.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(seen.contains(&name), "{name} is not in the README table");
        }
    }
    assert!(seen.len() >= 2, "the README table was not read");
}
