//! Training a few batches at a time: a seeded shuffle per epoch, batches of `batch_size` (the
//! last one partial), Adam after each, the epoch's running loss and accuracy as Keras reports
//! them, validation after each epoch, and a live curve of about 50 points per epoch.

use super::adam::Adam;
use super::batch::Backward;
use super::{Network, params};
use crate::parallel::{Parallel, Serial};
use crate::random::{JukeboxRng, index_below, rng_from_seed};
use crate::train::error::TrainError;
use crate::train::{CurvePoint, EpochRecord, Matrix, NetworkParams};

/// Live curve points per epoch (about).
const POINTS_PER_EPOCH: usize = 50;
/// Past this many points the curve keeps every other one.
const MAX_POINTS: usize = 500;
/// Mixed into the seed for the shuffling stream, so it differs from the weights' stream.
const SHUFFLE_STREAM: u64 = 0x5EED_5AFF_1E00_0001;

/// Training state: the network, Adam's moments, where in which epoch it is.
#[derive(Debug)]
pub struct NetworkTrainer {
    network: Network,
    adam: Adam,
    train_x: Matrix,
    train_y: Vec<u32>,
    validation: (Matrix, Vec<u32>),
    batch_size: usize,
    epochs: usize,
    batches_per_epoch: usize,
    rng: JukeboxRng,
    /// This epoch's row order.
    order: Vec<usize>,
    /// 0-based epoch in progress (== `epochs` when done) and batches done in it.
    epoch: usize,
    batch_in_epoch: usize,
    /// Sums over this epoch's rows so far: cross-entropy, correct predictions, rows.
    loss_sum: f64,
    hits: usize,
    seen: usize,
    /// A curve point every `point_every` batches (doubled each time the curve is thinned).
    point_every: usize,
    points: Vec<CurvePoint>,
    history: Vec<EpochRecord>,
    // Buffers of one batch, allocated once.
    input: Vec<f32>,
    labels: Vec<u32>,
    backward: Backward,
}

impl NetworkTrainer {
    /// Starts training on `train` (scaled) with `validation` scored after each epoch.
    pub fn new(
        params: &NetworkParams,
        train: (Matrix, Vec<u32>),
        validation: (Matrix, Vec<u32>),
        n_classes: usize,
        seed: u64,
    ) -> Result<NetworkTrainer, TrainError> {
        params::check_training(params)?;
        let n_inputs = train.0.n_cols;
        let network = Network::new(n_inputs, params, n_classes, seed)?;
        params::check_data("training", &train.0, &train.1, n_inputs, n_classes)?;
        params::check_data(
            "validation",
            &validation.0,
            &validation.1,
            n_inputs,
            n_classes,
        )?;
        let n_train = train.0.n_rows;
        let capacity = params.batch_size.min(n_train);
        let batches_per_epoch = n_train.div_ceil(params.batch_size);
        let adam = Adam::new(
            &network.layers,
            params.learning_rate,
            params.beta1,
            params.beta2,
            params.epsilon,
        );
        Ok(NetworkTrainer {
            backward: Backward::new(&network, capacity),
            input: Vec::with_capacity(capacity * n_inputs),
            labels: Vec::with_capacity(capacity),
            network,
            adam,
            train_x: train.0,
            train_y: train.1,
            validation,
            batch_size: params.batch_size,
            epochs: params.epochs,
            batches_per_epoch,
            rng: rng_from_seed(seed ^ SHUFFLE_STREAM),
            order: (0..n_train).collect(),
            epoch: 0,
            batch_in_epoch: 0,
            loss_sum: 0.0,
            hits: 0,
            seen: 0,
            point_every: batches_per_epoch.div_ceil(POINTS_PER_EPOCH),
            points: Vec::new(),
            history: Vec::new(),
        })
    }

    /// Batches in the whole training (all epochs).
    pub fn total_batches(&self) -> u64 {
        (self.batches_per_epoch * self.epochs) as u64
    }

    /// Batches done so far.
    pub fn done_batches(&self) -> u64 {
        (self.epoch * self.batches_per_epoch + self.batch_in_epoch) as u64
    }

    /// Trains up to `max_batches` more batches; true when every epoch is done.
    pub fn run_batches(&mut self, max_batches: usize) -> bool {
        self.run_batches_on(max_batches, &Serial)
    }

    /// As [`NetworkTrainer::run_batches`], each batch's rows and then its parameters split
    /// over `parallel` (the same bits as one after another).
    pub fn run_batches_on(&mut self, max_batches: usize, parallel: &dyn Parallel) -> bool {
        for _ in 0..max_batches {
            if self.is_done() {
                break;
            }
            if self.batch_in_epoch == 0 {
                self.start_epoch();
            }
            self.train_batch(parallel);
            self.batch_in_epoch += 1;
            if self.batch_in_epoch.is_multiple_of(self.point_every)
                || self.batch_in_epoch == self.batches_per_epoch
            {
                self.push_point();
            }
            if self.batch_in_epoch == self.batches_per_epoch {
                self.finish_epoch(parallel);
            }
        }
        self.is_done()
    }

    fn is_done(&self) -> bool {
        self.epoch >= self.epochs
    }

    /// The live curve (running loss/accuracy within each epoch, a few points per epoch).
    pub fn points(&self) -> &[CurvePoint] {
        &self.points
    }

    /// Finished epochs, with validation loss and accuracy.
    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn into_network(self) -> Network {
        self.network
    }

    /// A fresh permutation of the rows (Fisher–Yates on the identity, from the shuffle stream).
    fn start_epoch(&mut self) {
        for (i, slot) in self.order.iter_mut().enumerate() {
            *slot = i;
        }
        for i in (1..self.order.len()).rev() {
            let j = index_below(&mut self.rng, i + 1);
            self.order.swap(i, j);
        }
        self.loss_sum = 0.0;
        self.hits = 0;
        self.seen = 0;
    }

    /// Gathers the next batch's rows, runs it forward and back, and lets Adam step.
    fn train_batch(&mut self, parallel: &dyn Parallel) {
        let start = self.batch_in_epoch * self.batch_size;
        let end = (start + self.batch_size).min(self.order.len());
        let n_cols = self.train_x.n_cols;
        self.input.clear();
        self.labels.clear();
        for &row in &self.order[start..end] {
            self.input
                .extend_from_slice(&self.train_x.data[row * n_cols..(row + 1) * n_cols]);
            self.labels.push(self.train_y[row]);
        }
        let rows = self.backward.train(
            &mut self.network,
            &mut self.adam,
            &self.input,
            &self.labels,
            parallel,
        );
        for &(loss, hit) in rows {
            self.loss_sum += loss;
            self.hits += usize::from(hit);
        }
        self.seen += self.labels.len();
    }

    /// Running means over this epoch's rows so far (Keras weighs each batch by its rows).
    fn running(&self) -> (f64, f64) {
        let n = self.seen.max(1) as f64;
        (self.loss_sum / n, self.hits as f64 / n)
    }

    fn push_point(&mut self) {
        let (loss, accuracy) = self.running();
        self.points.push(CurvePoint {
            epoch: self.epoch as f64 + self.batch_in_epoch as f64 / self.batches_per_epoch as f64,
            loss,
            accuracy,
        });
        if self.points.len() > MAX_POINTS {
            // Keep the newest point and every other one before it.
            let len = self.points.len();
            let mut index = 0;
            self.points.retain(|_| {
                index += 1;
                (len - index).is_multiple_of(2)
            });
            self.point_every *= 2;
        }
    }

    fn finish_epoch(&mut self, parallel: &dyn Parallel) {
        let (train_loss, train_accuracy) = self.running();
        let (validation_loss, validation_accuracy) =
            self.network
                .loss_and_accuracy_on(&self.validation.0, &self.validation.1, parallel);
        self.history.push(EpochRecord {
            epoch: self.epoch + 1,
            train_loss,
            train_accuracy,
            validation_loss,
            validation_accuracy,
        });
        self.epoch += 1;
        self.batch_in_epoch = 0;
    }
}
