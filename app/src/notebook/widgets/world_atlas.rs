//! The world map's outlines, fetched once per page (world-atlas's `countries-110m.json`,
//! copied beside the app by scripts/build-web.mjs) when a prediction is first shown, then shared.

use std::cell::RefCell;
use std::sync::Arc;

use jukebox_core::world::{WorldOutlines, world_outlines};
use leptos::prelude::*;

use crate::browser::AppError;

/// Where the build puts the file (relative, so the app works under any sub-path).
pub const ATLAS_URL: &str = "./world/countries-110m.json";

/// Width of the map's view box (its height follows the projection).
const MAP_WIDTH: f64 = 960.0;

/// The map as a view gets it.
#[derive(Debug, Clone, PartialEq)]
pub enum Atlas {
    Loading,
    Ready(Arc<WorldOutlines>),
    /// Why there is no map, for a note in its place.
    Failed(String),
}

enum Cache {
    Empty,
    /// Fetching; these signals get the result.
    Loading(Vec<RwSignal<Atlas>>),
    Done(Atlas),
}

thread_local! {
    static CACHE: RefCell<Cache> = const { RefCell::new(Cache::Empty) };
}

/// The world's outlines: fetched on the first call in the page, shared by later ones.
pub fn use_world_atlas() -> Signal<Atlas> {
    let atlas = RwSignal::new(Atlas::Loading);
    // The signal is set after the cache is released (a setter may run code that reads it).
    let (start, done) = CACHE.with_borrow_mut(|cache| match cache {
        Cache::Done(done) => (false, Some(done.clone())),
        Cache::Loading(waiting) => {
            waiting.push(atlas);
            (false, None)
        }
        Cache::Empty => {
            *cache = Cache::Loading(vec![atlas]);
            (true, None)
        }
    });
    if let Some(done) = done {
        atlas.set(done);
    }
    if start {
        leptos::task::spawn_local(async {
            let result = match fetch_atlas().await {
                Ok(outlines) => Atlas::Ready(Arc::new(outlines)),
                Err(error) => Atlas::Failed(error.to_string()),
            };
            let waiting = CACHE.with_borrow_mut(|cache| {
                match std::mem::replace(cache, Cache::Done(result.clone())) {
                    Cache::Loading(waiting) => waiting,
                    _ => Vec::new(),
                }
            });
            for signal in waiting {
                // A view that went away meanwhile has a disposed signal: nothing to update.
                let _ = signal.try_set(result.clone());
            }
        });
    }
    atlas.into()
}

async fn fetch_atlas() -> Result<WorldOutlines, AppError> {
    let fail = |what: String| {
        AppError::new(format!(
            "The world map could not be loaded ({ATLAS_URL}: {what})."
        ))
    };
    let text = crate::browser::fetch::fetch_text(ATLAS_URL, 8 * 1024 * 1024)
        .await
        .map_err(|e| fail(e.to_string()))?;
    world_outlines(&text, MAP_WIDTH).map_err(|e| fail(e.to_string()))
}
