//! Where a run was registered and its unfinished pushes: written after every step of a push,
//! in one transaction that changes only these two fields of the run (its model bytes and
//! everything else stay as they are).

use jukebox_core::registry::{PushProgress, Registration};

use super::errors::{Doing, run_updated};
use super::schema::RUNS;
use super::values::to_js;
use super::{Backend, Storage, StorageError};

impl Storage {
    /// Replaces run `id`'s `registrations` and `pushes`.
    pub async fn update_run_registry(
        &self,
        id: &str,
        registrations: &[Registration],
        pushes: &[PushProgress],
    ) -> Result<(), StorageError> {
        let found = match &*self.backend {
            Backend::Idb(db) => {
                let doing = Doing::new("saving", "where the run was registered");
                let fields = vec![
                    ("registrations", to_js(&registrations, doing)?),
                    ("pushes", to_js(&pushes, doing)?),
                ];
                db.update(RUNS, id, fields, doing).await?
            }
            Backend::Memory(memory) => memory.set_run_registry(id, registrations, pushes),
        };
        run_updated(found, id, "the push's progress")
    }
}
