//! The IndexedDB side of [`super::Storage`]: opening (with upgrades), and each read or write
//! as one transaction. Every request is issued synchronously inside its transaction and read
//! after the transaction's `complete`, so a write is reported saved only once the browser
//! has committed all of it.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbFactory, IdbTransaction, IdbTransactionMode};

use super::errors::{self, Doing};
use super::idb::{self, OpenFailure};
use super::schema::{self, ALL_STORES};
use super::{DB_VERSION, StorageError, StorageErrorKind};

/// An open `jukebox` database (shared handle).
#[derive(Clone, Debug)]
pub(crate) struct Database {
    db: IdbDatabase,
    /// Set when another tab's upgrade made this tab close its connection.
    closed: Rc<Cell<bool>>,
}

impl Database {
    /// Opens database `name`, creating or upgrading it to [`DB_VERSION`].
    pub(crate) async fn open(factory: &IdbFactory, name: &str) -> Result<Database, StorageError> {
        let doing = Doing::new("opening", "the saved data");
        let unavailable = |e: &JsValue| StorageError {
            kind: StorageErrorKind::Unavailable,
            message: errors::from_js(e, doing).message,
        };
        let request = factory
            .open_with_u32(name, DB_VERSION)
            .map_err(|e| unavailable(&e))?;
        let db = match idb::opened(&request, schema::upgrade).await {
            Ok(db) => db,
            Err(OpenFailure::Blocked) => {
                return Err(StorageError {
                    kind: StorageErrorKind::Unavailable,
                    message: "Another tab with an older version of Jukebox holds the saved \
                              data open; close that tab, then reload this one"
                        .to_owned(),
                });
            }
            Err(OpenFailure::Error(e)) => return Err(unavailable(&e)),
        };
        let closed = Rc::new(Cell::new(false));
        let (closing, flag) = (db.clone(), closed.clone());
        // Another tab wants a newer schema: let it upgrade instead of blocking it.
        let on_version_change = Closure::<dyn FnMut()>::new(move || {
            closing.close();
            flag.set(true);
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        // Lives as long as the connection, which lives as long as the page.
        on_version_change.forget();
        Ok(Database { db, closed })
    }

    /// The schema version of the open database.
    pub(crate) fn version(&self) -> f64 {
        self.db.version()
    }

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
        doing: Doing<'_>,
    ) -> Result<IdbTransaction, StorageError> {
        if self.closed.get() {
            return Err(errors::closed_by_other_tab());
        }
        idb::transaction(&self.db, stores, mode).map_err(|e| errors::from_js(&e, doing))
    }

    /// Reads with `issue` (which issues the requests and returns them) in one read-only
    /// transaction; the requests' results once it completed.
    pub(crate) async fn read(
        &self,
        stores: &[&str],
        doing: Doing<'_>,
        issue: impl FnOnce(&IdbTransaction) -> Result<Vec<web_sys::IdbRequest>, JsValue>,
    ) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.transaction(stores, IdbTransactionMode::Readonly, doing)?;
        let requests = issue(&tx).map_err(|e| errors::from_js(&e, doing))?;
        idb::finished(&tx)
            .await
            .map_err(|e| errors::from_js(&e, doing))?;
        requests
            .iter()
            .map(|r| r.result().map_err(|e| errors::from_js(&e, doing)))
            .collect()
    }

    /// One record by key (`undefined` when missing).
    pub(crate) async fn get(
        &self,
        store: &str,
        key: &str,
        doing: Doing<'_>,
    ) -> Result<JsValue, StorageError> {
        let key = JsValue::from_str(key);
        let mut values = self
            .read(&[store], doing, |tx| {
                Ok(vec![tx.object_store(store)?.get(&key)?])
            })
            .await?;
        Ok(values.pop().unwrap_or_default())
    }

    /// Every value of `store`.
    pub(crate) async fn get_all(
        &self,
        store: &str,
        doing: Doing<'_>,
    ) -> Result<Array, StorageError> {
        let mut values = self
            .read(&[store], doing, |tx| {
                Ok(vec![tx.object_store(store)?.get_all()?])
            })
            .await?;
        Ok(values.pop().unwrap_or_default().unchecked_into())
    }

    /// Writes with `fill` in one read-write transaction over `stores`: all or nothing.
    /// Resolves on `complete`; a failed request or an abort is the error.
    pub(crate) async fn write(
        &self,
        stores: &[&str],
        doing: Doing<'_>,
        fill: impl FnOnce(&IdbTransaction) -> Result<(), JsValue>,
    ) -> Result<(), StorageError> {
        let tx = self.transaction(stores, IdbTransactionMode::Readwrite, doing)?;
        if let Err(e) = fill(&tx) {
            // Nothing issued so far may commit without the rest.
            let _ = tx.abort();
            return Err(errors::from_js(&e, doing));
        }
        idb::finished(&tx)
            .await
            .map_err(|e| errors::from_js(&e, doing))
    }

    /// Replaces the fields of record `key` in `store` with `fields` (read and written in one
    /// transaction); false when there is no such record.
    pub(crate) async fn update(
        &self,
        store: &'static str,
        key: &str,
        fields: Vec<(&'static str, JsValue)>,
        doing: Doing<'_>,
    ) -> Result<bool, StorageError> {
        let found = Rc::new(Cell::new(false));
        let seen = found.clone();
        let key = JsValue::from_str(key);
        self.write(&[store], doing, move |tx| {
            let request = tx.object_store(store)?.get(&key)?;
            let (read, writing) = (request.clone(), tx.clone());
            // Runs while the transaction is active: the put joins it.
            let on_read = Closure::once_into_js(move || {
                let updated = read.result().and_then(|record| {
                    if record.is_undefined() {
                        return Ok(());
                    }
                    for (name, value) in &fields {
                        js_sys::Reflect::set(&record, &JsValue::from_str(name), value)?;
                    }
                    writing.object_store(store)?.put(&record)?;
                    seen.set(true);
                    Ok(())
                });
                if updated.is_err() {
                    let _ = writing.abort();
                }
            });
            request.set_onsuccess(Some(on_read.unchecked_ref()));
            Ok(())
        })
        .await?;
        Ok(found.get())
    }

    /// Deletes every record of every store (one transaction).
    pub(crate) async fn erase_all(&self) -> Result<(), StorageError> {
        self.write(&ALL_STORES, Doing::new("erasing", "all local data"), |tx| {
            for store in ALL_STORES {
                tx.object_store(store)?.clear()?;
            }
            Ok(())
        })
        .await
    }
}
