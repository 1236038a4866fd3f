//! One batch through the network and back, on buffers allocated once for the largest batch.
//!
//! A batch's rows are independent until their gradients are summed, and each weight's
//! gradient and Adam step are independent of every other weight's, so a training step splits
//! two ways without changing any sum: the rows side by side (forward, loss, deltas — one
//! [`Lane`] per range of rows), then the parameters side by side (a [`Block`] of a layer's
//! weight rows or its bias: the gradient, summed over the batch's rows in row order, then its
//! Adam step). Each value comes from the same operations in the same order whichever lane or
//! block computed it, so one thread or many, natively or in wasm32, give the same bits.

use super::adam::{Adam, AdamStep};
use super::kernels::{
    activate, bias_gradient, input_gradient, matmul_bias, row_loss_and_hit, softmax_rows,
    times_derivative, weight_gradient_rows,
};
use super::{Dense, Network};
use crate::parallel::{Parallel, for_each_mut};

/// Parameters in a block when the work is split over several threads: small enough that the
/// largest layer (128 × 256 here) gives every thread several blocks.
const BLOCK_PARAMS: usize = 4_096;

/// Each layer's outputs for up to `capacity` rows: activations, softmax probabilities last.
#[derive(Debug, Clone)]
pub struct Forward {
    capacity: usize,
    rows: usize,
    outputs: Vec<Vec<f32>>,
}

impl Forward {
    pub fn new(network: &Network, capacity: usize) -> Forward {
        Forward {
            capacity,
            rows: 0,
            outputs: per_layer(network, capacity),
        }
    }

    /// Runs `input` (`rows × n_inputs`, at most `capacity` rows) through `network`.
    pub fn run(&mut self, network: &Network, input: &[f32]) {
        self.rows = input.len() / network.n_inputs().max(1);
        debug_assert!(self.rows <= self.capacity, "batch larger than the buffers");
        let mut outputs = rows_of(&mut self.outputs, network, self.rows);
        forward_rows(network, input, &mut outputs);
    }

    /// Class probabilities of the last run, `rows × n_classes`.
    pub fn probabilities(&self) -> &[f32] {
        let last = self.outputs.len() - 1;
        let n_classes = self.outputs[last].len() / self.capacity.max(1);
        &self.outputs[last][..self.rows * n_classes]
    }
}

/// A zeroed buffer of `capacity` rows for each layer's outputs.
fn per_layer(network: &Network, capacity: usize) -> Vec<Vec<f32>> {
    network
        .layers
        .iter()
        .map(|l| vec![0.0; capacity * l.n_out])
        .collect()
}

/// The first `rows` rows of each layer's buffer.
fn rows_of<'a>(buffers: &'a mut [Vec<f32>], network: &Network, rows: usize) -> Vec<&'a mut [f32]> {
    buffers
        .iter_mut()
        .zip(&network.layers)
        .map(|(buffer, layer)| &mut buffer[..rows * layer.n_out])
        .collect()
}

/// Runs the rows of `input` through every layer, writing each layer's outputs (the same rows)
/// into `outputs`.
fn forward_rows(network: &Network, input: &[f32], outputs: &mut [&mut [f32]]) {
    let last = network.layers.len() - 1;
    for (l, layer) in network.layers.iter().enumerate() {
        let (before, after) = outputs.split_at_mut(l);
        let x = if l == 0 { input } else { &*before[l - 1] };
        let out = &mut *after[0];
        matmul_bias(x, layer.n_in, &layer.weights, &layer.bias, out);
        if l == last {
            softmax_rows(out, layer.n_out);
        } else {
            activate(network.activation, out);
        }
    }
}

/// Everything a training step writes, for up to `capacity` rows: the forward outputs, each
/// layer's delta, each row's loss and hit, and the batch's mean gradients.
#[derive(Debug, Clone)]
pub struct Backward {
    forward: Forward,
    deltas: Vec<Vec<f32>>,
    row_stats: Vec<(f64, bool)>,
    /// Mean gradients of the batch, one `Dense` per layer.
    pub gradients: Vec<Dense>,
}

impl Backward {
    pub fn new(network: &Network, capacity: usize) -> Backward {
        let gradients = network
            .layers
            .iter()
            .map(|l| Dense {
                n_in: l.n_in,
                n_out: l.n_out,
                weights: vec![0.0; l.weights.len()],
                bias: vec![0.0; l.bias.len()],
            })
            .collect();
        Backward {
            forward: Forward::new(network, capacity),
            deltas: per_layer(network, capacity),
            row_stats: vec![(0.0, false); capacity],
            gradients,
        }
    }

    /// Gradients of the mean cross-entropy of the batch `input` (`rows × n_inputs`), `labels`.
    #[cfg(test)]
    pub fn run(
        &mut self,
        network: &Network,
        input: &[f32],
        labels: &[u32],
        parallel: &dyn Parallel,
    ) {
        self.rows_side_by_side(network, input, labels, parallel);
        self.blocks_side_by_side(input, None, parallel);
    }

    /// One training step: the batch's gradients, then Adam's step for every parameter.
    /// Returns each row's cross-entropy and whether its most probable class is its label.
    pub fn train(
        &mut self,
        network: &mut Network,
        adam: &mut Adam,
        input: &[f32],
        labels: &[u32],
        parallel: &dyn Parallel,
    ) -> &[(f64, bool)] {
        self.rows_side_by_side(network, input, labels, parallel);
        let step = adam.begin_step();
        // The weights are read by the lanes above and written only here, block by block.
        self.blocks_side_by_side(
            input,
            Some((&step, &mut network.layers, adam.moments_mut())),
            parallel,
        );
        &self.row_stats[..labels.len()]
    }

    /// Forward, loss and deltas of the batch's rows, a range of rows per lane.
    fn rows_side_by_side(
        &mut self,
        network: &Network,
        input: &[f32],
        labels: &[u32],
        parallel: &dyn Parallel,
    ) {
        let rows = labels.len();
        let n_inputs = network.n_inputs();
        debug_assert_eq!(input.len(), rows * n_inputs);
        self.forward.rows = rows;
        let lane_rows = rows.div_ceil(parallel.width().clamp(1, rows.max(1))).max(1);
        let mut outputs = lane_chunks(&mut self.forward.outputs, network, rows, lane_rows);
        let mut deltas = lane_chunks(&mut self.deltas, network, rows, lane_rows);
        #[allow(clippy::cast_precision_loss)]
        let inv_rows = 1.0 / rows as f32;
        let lanes: Vec<Lane> = input
            .chunks(lane_rows * n_inputs)
            .zip(labels.chunks(lane_rows))
            .zip(self.row_stats[..rows].chunks_mut(lane_rows))
            .map(|((input, labels), stats)| Lane {
                input,
                labels,
                stats,
                outputs: outputs.iter_mut().filter_map(Iterator::next).collect(),
                deltas: deltas.iter_mut().filter_map(Iterator::next).collect(),
                inv_rows,
            })
            .collect();
        for_each_mut(parallel, lanes, &|lane| lane.run(network));
    }

    /// Each parameter block's gradient (summed over every row of the batch, in row order),
    /// then, when training, its Adam step.
    fn blocks_side_by_side(
        &mut self,
        input: &[f32],
        training: Option<Training<'_>>,
        parallel: &dyn Parallel,
    ) {
        let rows = self.forward.rows;
        let block_params = if parallel.width() > 1 {
            BLOCK_PARAMS
        } else {
            usize::MAX
        };
        let step = training.as_ref().map(|(step, _, _)| *step);
        let mut params =
            training.map(|(_, layers, moments)| layers.iter_mut().zip(moments.chunks_exact_mut(2)));
        let mut blocks = Vec::new();
        for (l, gradient) in self.gradients.iter_mut().enumerate() {
            let (n_in, n_out) = (gradient.n_in, gradient.n_out);
            let a = if l == 0 {
                &input[..rows * n_in]
            } else {
                &self.forward.outputs[l - 1][..rows * n_in]
            };
            let dz = &self.deltas[l][..rows * n_out];
            let (weights, bias) = match params.as_mut().and_then(Iterator::next) {
                Some((layer, [[m, v], [bias_m, bias_v]])) => (
                    Some((&mut layer.weights[..], &mut m[..], &mut v[..])),
                    Some((&mut layer.bias[..], &mut bias_m[..], &mut bias_v[..])),
                ),
                _ => (None, None),
            };
            let block_rows = (block_params / n_out).clamp(1, n_in.max(1));
            let layer = LayerRows { a, n_in, dz, n_out };
            push_blocks(
                &mut blocks,
                layer,
                false,
                &mut gradient.weights,
                block_rows * n_out,
                weights,
            );
            push_blocks(&mut blocks, layer, true, &mut gradient.bias, n_out, bias);
        }
        for_each_mut(parallel, blocks, &|block| block.run(step));
    }
}

/// Each layer's first `rows` rows, cut into chunks of `lane_rows` rows (one per lane).
fn lane_chunks<'a>(
    buffers: &'a mut [Vec<f32>],
    network: &Network,
    rows: usize,
    lane_rows: usize,
) -> Vec<std::slice::ChunksMut<'a, f32>> {
    rows_of(buffers, network, rows)
        .into_iter()
        .zip(&network.layers)
        .map(|(buffer, layer)| buffer.chunks_mut(lane_rows * layer.n_out))
        .collect()
}

/// A layer's input rows `a` (`rows × n_in`) and output deltas `dz` (`rows × n_out`).
#[derive(Clone, Copy)]
struct LayerRows<'a> {
    a: &'a [f32],
    n_in: usize,
    dz: &'a [f32],
    n_out: usize,
}

/// A range of rows of the batch, forward and back to each layer's delta.
struct Lane<'a> {
    input: &'a [f32],
    labels: &'a [u32],
    stats: &'a mut [(f64, bool)],
    outputs: Vec<&'a mut [f32]>,
    deltas: Vec<&'a mut [f32]>,
    /// 1 / the whole batch's rows (the loss is the batch's mean).
    inv_rows: f32,
}

impl Lane<'_> {
    fn run(&mut self, network: &Network) {
        forward_rows(network, self.input, &mut self.outputs);
        let last = network.layers.len() - 1;
        let n_classes = network.layers[last].n_out;
        // Softmax and cross-entropy together: dL/dz = (p - onehot) / batch.
        let inv_rows = self.inv_rows;
        for (((d_row, p_row), &label), stat) in self.deltas[last]
            .chunks_exact_mut(n_classes)
            .zip(self.outputs[last].chunks_exact(n_classes))
            .zip(self.labels)
            .zip(self.stats.iter_mut())
        {
            *stat = row_loss_and_hit(p_row, label as usize);
            for (d, &p) in d_row.iter_mut().zip(p_row) {
                *d = p * inv_rows;
            }
            d_row[label as usize] -= inv_rows;
        }
        for l in (1..=last).rev() {
            let layer = &network.layers[l];
            let (before, after) = self.deltas.split_at_mut(l);
            let da = &mut *before[l - 1];
            input_gradient(after[0], &layer.weights, layer.n_out, da);
            times_derivative(network.activation, self.outputs[l - 1], da);
        }
    }
}

/// When training: Adam's step, the layers and Adam's `[m, v]` for each weight and bias tensor.
type Training<'a> = (&'a AdamStep, &'a mut [Dense], &'a mut [[Vec<f32>; 2]]);

/// A layer's parameters, their Adam moments `m` and `v`, when training.
type Trained<'a> = (&'a mut [f32], &'a mut [f32], &'a mut [f32]);

/// A piece of one layer's parameters (weight rows `first_k..`, or the bias): its gradient and,
/// when training, its Adam step.
struct Block<'a> {
    layer: LayerRows<'a>,
    /// `None` for the bias.
    first_k: Option<usize>,
    gradient: &'a mut [f32],
    training: Option<Trained<'a>>,
}

impl Block<'_> {
    fn run(&mut self, step: Option<&AdamStep>) {
        let LayerRows { a, n_in, dz, .. } = self.layer;
        if let Some(first_k) = self.first_k {
            weight_gradient_rows(a, n_in, dz, first_k, self.gradient);
        } else {
            bias_gradient(dz, self.gradient);
        }
        if let (Some(step), Some((params, m, v))) = (step, self.training.as_mut()) {
            step.apply(params, self.gradient, m, v);
        }
    }
}

/// Cuts one parameter tensor (a layer's weights, or with `bias` its bias) into blocks of
/// `block_len` values — whole weight rows.
fn push_blocks<'a>(
    blocks: &mut Vec<Block<'a>>,
    layer: LayerRows<'a>,
    bias: bool,
    gradient: &'a mut [f32],
    block_len: usize,
    training: Option<Trained<'a>>,
) {
    let mut trained = training.map(|(params, m, v)| {
        (
            params.chunks_mut(block_len),
            m.chunks_mut(block_len),
            v.chunks_mut(block_len),
        )
    });
    for (b, gradient) in gradient.chunks_mut(block_len).enumerate() {
        let training = trained
            .as_mut()
            .and_then(|(p, m, v)| Some((p.next()?, m.next()?, v.next()?)));
        blocks.push(Block {
            layer,
            first_k: (!bias).then_some(b * block_len / layer.n_out),
            gradient,
            training,
        });
    }
}
