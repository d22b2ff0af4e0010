//! Filter benchmark: the compiled engine over an [`IndexedBase`] against the naive per-contact
//! scan, on 100 000 and 1 000 000 generated contacts, with three realistic conditions and the two
//! largest groups ticked. Prints only `name: value unit` lines; beyond checking once that the
//! engine and the naive scan agree, it asserts nothing.

use std::hint::black_box;
use std::time::Instant;

use contacts_core::filter::{CompileOptions, CompiledFilter, Filter, IndexedBase, naive};
use contacts_core::fixtures::generate;
use contacts_core::model::{Base, GroupId};

/// The conditions: city is Moscow or St Petersburg, paid more than 1 000 ₽, e-mail status active.
const CONDITIONS: &str =
    "billing.city:eq:Москва,Санкт-Петербург~paid_total:gt:1000~status:eq:активен";

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

/// The median time in ms of `runs` runs of `f`, after one warm-up run.
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    black_box(f());
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            ms(start)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The ids of the two groups with the most members.
fn largest_groups(base: &Base) -> [GroupId; 2] {
    let mut sizes: Vec<(usize, GroupId)> = base
        .groups
        .iter()
        .map(|g| {
            let members = base
                .contacts
                .iter()
                .filter(|c| c.memberships.iter().any(|m| m.group == g.id))
                .count();
            (members, g.id)
        })
        .collect();
    sizes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    [sizes[0].1, sizes[1].1]
}

fn compile(base: &Base, groups: Option<[GroupId; 2]>) -> CompiledFilter {
    let text = match groups {
        Some([a, b]) => format!("1~g:{},{}~{CONDITIONS}", a.0, b.0),
        None => format!("1~{CONDITIONS}"),
    };
    let options = CompileOptions {
        utc_offset_minutes: 180,
    };
    Filter::from_url_text(&text)
        .expect("the benchmark filter parses")
        .compile(base, &options)
        .expect("the benchmark filter compiles")
}

fn print(name: &str, value: f64, unit: &str) {
    println!("{name}: {value:.3} {unit}");
}

/// Measures one base size; `label` is `100k` or `1m`.
fn run(label: &str, count: usize, engine_runs: usize, naive_runs: usize) {
    let start = Instant::now();
    let base = black_box(generate(count, 42));
    print(&format!("fixtures_{label}_ms"), ms(start), "ms");

    let groups = largest_groups(&base);
    let filter = compile(&base, Some(groups));
    let full_scan = compile(&base, None);

    let start = Instant::now();
    let index = IndexedBase::new(base);
    let matches = index.filter(&filter);
    print(&format!("index_build_{label}_ms"), ms(start), "ms");
    println!("filter_{label}_matches: {} count", matches.len());
    assert_eq!(
        matches.rows(),
        naive::filter(index.base(), &filter),
        "engine and naive agree"
    );

    let engine = median_ms(engine_runs, || index.filter(&filter));
    let nogroups = median_ms(engine_runs, || index.filter(&full_scan));
    let reference = median_ms(naive_runs, || naive::filter(index.base(), &filter));
    print(&format!("filter_{label}_3cond_2groups_ms"), engine, "ms");
    print(&format!("filter_{label}_3cond_nogroups_ms"), nogroups, "ms");
    print(
        &format!("naive_filter_{label}_3cond_2groups_ms"),
        reference,
        "ms",
    );
    print(
        &format!("filter_vs_naive_{label}_ratio"),
        reference / engine,
        "x",
    );
}

fn main() {
    run("100k", 100_000, 31, 7);
    run("1m", 1_000_000, 11, 3);
}
