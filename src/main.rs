fn main() -> std::process::ExitCode {
    besluitspoor::cli::main()
}
