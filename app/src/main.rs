//! The UI binary: only mounts the app (components live in the library so tests mount them).

fn main() {
    jukebox_app::start();
}
