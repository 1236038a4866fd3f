//! The engine binary, run in a dedicated Web Worker. All of it lives in
//! [`jukebox_app::worker`]; heavy code (polars, models) is linked here, not into the UI binary.

fn main() {
    jukebox_app::worker::run();
}
