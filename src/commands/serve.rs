//! `tarif serve`.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_root: PathBuf, _port: u16) -> ExitCode {
    ExitCode::FAILURE
}
