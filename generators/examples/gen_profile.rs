//! scratch
use j43_generators::*;
use std::time::Instant;
fn main() {
    let s = Settings::default();
    let fam: Vec<Family> = std::env::args()
        .nth(1)
        .map(|a| match a.as_str() {
            "a" => vec![Family::Authorized],
            "v" => vec![Family::Violating(j43_model::RuleId::Net005)],
            "m" => vec![Family::Multi],
            _ => vec![Family::Arbitrary],
        })
        .unwrap_or(vec![
            Family::Authorized,
            Family::Violating(j43_model::RuleId::Net005),
            Family::Multi,
            Family::Arbitrary,
        ]);
    for f in fam {
        let n = 3000;
        let t = Instant::now();
        let mut bytes = 0;
        for i in 0..n {
            bytes += case_at(&f, &s, 0, i as u64).unwrap().document.len();
        }
        let b = t.elapsed().as_secs_f64() / n as f64 * 1e6;
        let docs: Vec<Vec<u8>> = (0..300)
            .map(|i| case_at(&f, &s, 0, i).unwrap().document)
            .collect();
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(j43_model::check(d));
        }
        let c = t.elapsed().as_secs_f64() / 300.0 * 1e6;
        let t = Instant::now();
        for d in &docs {
            std::hint::black_box(j43_model::json::parse(d).ok());
        }
        let p = t.elapsed().as_secs_f64() / 300.0 * 1e6;
        println!(
            "{:20} gen {b:7.1} us  check {c:6.1} us parse {p:6.1} avg bytes {}",
            f.name(),
            bytes / n
        );
    }
}
