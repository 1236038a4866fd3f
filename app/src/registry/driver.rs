//! Drives a [`PushJob`]: asks it for the next request, makes it with `fetch`, hands back the
//! reply, until it is done or a step failed. After every step the run's registry fields are
//! saved (one transaction), so a reload or a failure resumes where the push stopped; when
//! the push is done its registration is added and its pending progress removed.

use jukebox_core::registry::{PushAction, PushJob, PushProgress, Registration, StepKind};

use super::http::{self, Files};
use crate::storage::Storage;

/// A run's registry fields as kept with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunRegistry {
    pub registrations: Vec<Registration>,
    /// Unfinished pushes, one per endpoint at most.
    pub pushes: Vec<PushProgress>,
}

impl RunRegistry {
    /// With `progress` as its endpoint's pending push (replacing an earlier one).
    #[must_use]
    pub fn with_pending(mut self, progress: &PushProgress) -> RunRegistry {
        self.pushes
            .retain(|p| p.endpoint_id != progress.endpoint_id);
        self.pushes.push(progress.clone());
        self
    }

    /// With `registration` added (newest last) and its endpoint's pending push removed.
    #[must_use]
    pub fn with_done(mut self, registration: Registration) -> RunRegistry {
        self.pushes
            .retain(|p| p.endpoint_id != registration.endpoint_id);
        // Pushing a registered run again finds the same version: one entry, the newest date.
        self.registrations.retain(|r| {
            (&r.endpoint_id, &r.model_name, &r.version)
                != (
                    &registration.endpoint_id,
                    &registration.model_name,
                    &registration.version,
                )
        });
        self.registrations.push(registration);
        self
    }
}

/// Where the push's state goes after each step.
pub struct Keeper<'a> {
    /// `None`: not kept (a page without storage, as in tests).
    pub storage: Option<&'a Storage>,
    pub run_id: &'a str,
    /// Told of every step (the progress list).
    pub on_progress: &'a dyn Fn(&PushProgress),
}

/// How a push ended, with the run's registry fields as saved.
#[derive(Debug, Clone, PartialEq)]
pub enum PushEnd {
    Done(Registration),
    /// A step failed: pushing again resumes it.
    Failed {
        step: Option<StepKind>,
        message: String,
    },
}

/// More requests than any push needs: a job that keeps asking is stopped.
const MAX_REQUESTS: usize = 200;

/// Runs `job` to its end with `token` and `files`, starting from `registry` (the run's
/// fields before the push).
pub async fn drive(
    mut job: PushJob,
    token: Option<&str>,
    files: Files<'_>,
    mut registry: RunRegistry,
    keeper: &Keeper<'_>,
) -> (PushEnd, RunRegistry) {
    let mut reply = None;
    for _ in 0..MAX_REQUESTS {
        let action = job.next(reply.take());
        let progress = job.progress().clone();
        (keeper.on_progress)(&progress);
        let (request, end) = match action {
            PushAction::Send(request) => {
                registry = registry.with_pending(&progress);
                (Some(request), None)
            }
            PushAction::Done(registration) => {
                registry = registry.with_done(registration.clone());
                (None, Some(PushEnd::Done(registration)))
            }
            PushAction::Failed { step, message } => {
                registry = registry.with_pending(&progress);
                let step = Some(step);
                (None, Some(PushEnd::Failed { step, message }))
            }
        };
        // Kept before the next request: a reload then resumes after this step.
        if let Err(message) = save(keeper, &registry).await {
            return (
                PushEnd::Failed {
                    step: None,
                    message,
                },
                registry,
            );
        }
        if let Some(end) = end {
            return (end, registry);
        }
        if let Some(request) = request {
            reply = Some(http::send(&request, token, files).await);
        }
    }
    let message = format!(
        "The push stopped after {MAX_REQUESTS} requests without finishing; push again to resume it, and report this if it repeats"
    );
    (
        PushEnd::Failed {
            step: None,
            message,
        },
        registry,
    )
}

async fn save(keeper: &Keeper<'_>, registry: &RunRegistry) -> Result<(), String> {
    let Some(storage) = keeper.storage else {
        return Ok(());
    };
    storage
        .update_run_registry(keeper.run_id, &registry.registrations, &registry.pushes)
        .await
        .map_err(|e| format!("The push's progress was not saved, so it stopped: {e}"))
}
