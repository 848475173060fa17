// The page renderer allocates many small short-lived values (tera contexts,
// strings, minifier nodes) from two threads; mimalloc spends far less time on
// them than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    besluitspoor::cli::main()
}
