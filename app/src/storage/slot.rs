//! Where the page keeps its [`Storage`] once it is open (it opens asynchronously, after the
//! first paint), and the counter views read to know it changed ([`StorageChanged`]).

use leptos::prelude::*;

use super::Storage;

/// Bumped after every write a view makes that others show (import, erase, …), so they
/// reload: `expect_context::<StorageChanged>()`.
#[derive(Debug, Clone, Copy)]
pub struct StorageChanged(pub RwSignal<u64>);

impl StorageChanged {
    /// Tells every view reading the storage that it changed.
    pub fn bump(self) {
        self.0.update(|n| *n += 1);
    }
}

/// The storage once open (`None` before), and its change counter. `Copy`, for the context.
#[derive(Debug, Clone, Copy)]
pub struct StorageSlot {
    storage: StoredValue<Option<Storage>, LocalStorage>,
    changed: StorageChanged,
}

impl StorageSlot {
    pub fn new() -> Self {
        Self {
            storage: StoredValue::new_local(None),
            changed: StorageChanged(RwSignal::new(0)),
        }
    }

    /// Puts the opened storage in the slot.
    pub fn attach(&self, storage: Storage) {
        self.storage.set_value(Some(storage));
    }

    /// The storage, once it is open.
    pub fn get(&self) -> Option<Storage> {
        self.storage.with_value(Clone::clone)
    }

    /// The counter, for views that read storage again when it changes.
    pub fn changed(&self) -> StorageChanged {
        self.changed
    }

    /// Subscribes the running effect or resource to storage changes.
    pub fn track(&self) {
        self.changed.0.track();
    }

    /// Tells the views that read storage (Runs, Settings) to read again.
    pub fn bump(&self) {
        self.changed.bump();
    }
}

impl Default for StorageSlot {
    fn default() -> Self {
        Self::new()
    }
}
