//! The push driver: which step is next, what its handler says (send, done, failed), and the
//! progress kept for resuming. The registries' own steps are in `mlflow` and `kubeflow`.

use std::collections::BTreeMap;

use super::{
    Endpoint, HttpReply, HttpRequest, PushAction, PushFiles, PushJob, PushOptions, PushProgress,
    RegistryKind, StepKind, StepState, StepStatus, kubeflow, mlflow,
};
use crate::runs::RunRecord;

/// What a step's handler decided.
#[derive(Debug)]
pub(crate) enum Flow {
    Send(HttpRequest),
    Done(String),
    Fail(String),
}

/// What a step's handler sees: its phase (0 = nothing sent yet; the handler sets what it
/// waits for), the ids learned so far, and the push's inputs.
pub(crate) struct StepCtx<'a> {
    pub phase: &'a mut u8,
    pub ids: &'a mut BTreeMap<String, String>,
    pub options: &'a PushOptions,
    pub files: &'a PushFiles,
    pub base_url: &'a str,
    pub record: &'a RunRecord,
}

impl StepCtx<'_> {
    pub fn id(&self, key: &str) -> &str {
        self.ids.get(key).map_or("", String::as_str)
    }

    pub fn learn(&mut self, key: &str, value: impl Into<String>) {
        self.ids.insert(key.to_string(), value.into());
    }
}

fn steps_of(kind: RegistryKind, options: &PushOptions) -> Vec<StepState> {
    let kinds: &[StepKind] = match kind {
        RegistryKind::Mlflow => &mlflow::STEPS,
        RegistryKind::Kubeflow => &kubeflow::STEPS,
    };
    kinds
        .iter()
        .map(|&kind| StepState {
            kind,
            status: if kind == StepKind::Alias && options.alias.trim().is_empty() {
                StepStatus::Skipped
            } else {
                StepStatus::Pending
            },
        })
        .collect()
}

/// `old` continued: done and skipped steps stay, the failed (or interrupted) one runs again.
fn resumed(mut old: PushProgress) -> PushProgress {
    for step in &mut old.steps {
        if !matches!(step.status, StepStatus::Done { .. } | StepStatus::Skipped) {
            step.status = StepStatus::Pending;
        }
    }
    old
}

impl PushJob {
    /// A push of `record` to `endpoint`. `resume`: the run's earlier progress for this
    /// endpoint (its done steps are kept, a failed one is tried again); it is ignored when its
    /// options or files differ (then the push starts over but still finds what exists).
    /// `now_ms` stamps the registration.
    pub fn start(
        endpoint: &Endpoint,
        record: &RunRecord,
        options: PushOptions,
        files: PushFiles,
        resume: Option<PushProgress>,
        now_ms: f64,
    ) -> PushJob {
        let same = |old: &PushProgress| {
            old.endpoint_id == endpoint.id
                && old.kind == endpoint.kind
                && old.base_url == endpoint.base_url
                && old.options == options
                && old.files == files
                && old.steps.len() == steps_of(endpoint.kind, &options).len()
        };
        let progress = match resume {
            Some(old) if same(&old) => resumed(old),
            _ => PushProgress {
                endpoint_id: endpoint.id.clone(),
                kind: endpoint.kind,
                base_url: endpoint.base_url.clone(),
                steps: steps_of(endpoint.kind, &options),
                options,
                files,
                ids: BTreeMap::new(),
            },
        };
        PushJob {
            progress,
            record: Box::new(record.clone()),
            current: None,
            phase: 0,
            now_ms,
        }
    }

    /// The next action, given the reply to the last `Send` (`None` on the first call). A
    /// request that did not get a reply at all (network error) is given as
    /// `HttpReply { status: 0, body: <the browser's message> }`.
    pub fn next(&mut self, reply: Option<HttpReply>) -> PushAction {
        // A reply only means something to the step that asked for it.
        let mut reply = reply.filter(|_| self.current.is_some());
        loop {
            let open =
                self.progress.steps.iter().position(|s| {
                    !matches!(s.status, StepStatus::Done { .. } | StepStatus::Skipped)
                });
            let Some(index) = self.current.or(open) else {
                return PushAction::Done(self.registration());
            };
            if self.current.is_none() {
                self.phase = 0;
            }
            self.current = Some(index);
            let kind = self.progress.steps[index].kind;
            self.progress.steps[index].status = StepStatus::Running;
            let flow = self.advance(kind, reply.take().as_ref());
            let status = match flow {
                Flow::Send(request) => return PushAction::Send(request),
                Flow::Done(detail) => StepStatus::Done { detail },
                Flow::Fail(message) => StepStatus::Failed { message },
            };
            self.current = None;
            self.progress.steps[index].status = status.clone();
            if let StepStatus::Failed { message } = status {
                return PushAction::Failed {
                    step: kind,
                    message,
                };
            }
        }
    }

    fn advance(&mut self, kind: StepKind, reply: Option<&HttpReply>) -> Flow {
        let PushProgress {
            kind: registry,
            base_url,
            options,
            files,
            ids,
            ..
        } = &mut self.progress;
        let mut ctx = StepCtx {
            phase: &mut self.phase,
            ids,
            options,
            files,
            base_url,
            record: &self.record,
        };
        match registry {
            RegistryKind::Mlflow => mlflow::advance(&mut ctx, kind, reply),
            RegistryKind::Kubeflow => kubeflow::advance(&mut ctx, kind, reply),
        }
    }

    fn registration(&self) -> super::Registration {
        match self.progress.kind {
            RegistryKind::Mlflow => mlflow::registration(&self.progress, self.now_ms),
            RegistryKind::Kubeflow => kubeflow::registration(&self.progress, self.now_ms),
        }
    }

    pub fn progress(&self) -> &PushProgress {
        &self.progress
    }
}
