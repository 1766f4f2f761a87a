/*
 * WebAssembly text of the SIMD kernels for gradients: max pooling, ReLU and bias.
 * simdKernelsWat.ts assembles the module; addresses are byte offsets into the wasm backend's memory.
 */

/**
 * The gradient of 2×2, stride-2, unpadded max pooling on NHWC tensors with a multiple of 4 channels: each
 * window sends dy to its first strictly largest value in row-major order (as tfjs's cpu kernel does, so
 * windows of equal values, such as ReLU zeros, pass dy once) and zero to the other three. `rows` is
 * batch × output height; x and dx have 2·outWidth columns.
 */
export const MAX_POOL_GRAD_2X2 = `  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32) (param $rows i32) (param $outWidth i32) (param $channels i32)
    (local $pixelBytes i32) (local $rowBytes i32) (local $row i32) (local $col i32) (local $k i32)
    (local $base i32) (local $at i32) (local $g i32)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128)
    (local $best v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $grad v128)
    (local.set $pixelBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (i32.shl (local.get $outWidth) (i32.const 1)) (local.get $pixelBytes)))
    (local.set $g (local.get $dy))
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $col (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_u (local.get $col) (local.get $outWidth)))
            (local.set $k (i32.const 0))
            (block $channelsDone
              (loop $channelsLoop
                (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixelBytes)))
                (local.set $at (i32.add (local.get $base) (local.get $k)))
                (local.set $x00 (v128.load (i32.add (local.get $x) (local.get $at))))
                (local.set $x01 (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $pixelBytes)))))
                (local.set $x10 (v128.load (i32.add (local.get $x) (i32.add (local.get $at) (local.get $rowBytes)))))
                (local.set $x11
                  (v128.load (i32.add (local.get $x) (i32.add (i32.add (local.get $at) (local.get $rowBytes)) (local.get $pixelBytes)))))
                ;; ck: value k beats every earlier one (a NaN never does, as with the scalar kernels).
                (local.set $c0 (f32x4.gt (local.get $x00) (v128.const f32x4 -inf -inf -inf -inf)))
                (local.set $best (v128.bitselect (local.get $x00) (v128.const f32x4 -inf -inf -inf -inf) (local.get $c0)))
                (local.set $c1 (f32x4.gt (local.get $x01) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $x01) (local.get $best) (local.get $c1)))
                (local.set $c2 (f32x4.gt (local.get $x10) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $x10) (local.get $best) (local.get $c2)))
                (local.set $c3 (f32x4.gt (local.get $x11) (local.get $best)))
                (local.set $grad (v128.load (local.get $g)))
                ;; The last value to beat the earlier ones is the maximum: keep each ck only if no later one won.
                (v128.store (i32.add (local.get $dx) (i32.add (i32.add (local.get $at) (local.get $rowBytes)) (local.get $pixelBytes)))
                  (v128.and (local.get $grad) (local.get $c3)))
                (local.set $c2 (v128.andnot (local.get $c2) (local.get $c3)))
                (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $rowBytes)))
                  (v128.and (local.get $grad) (local.get $c2)))
                (local.set $c3 (v128.or (local.get $c3) (local.get $c2)))
                (local.set $c1 (v128.andnot (local.get $c1) (local.get $c3)))
                (v128.store (i32.add (local.get $dx) (i32.add (local.get $at) (local.get $pixelBytes)))
                  (v128.and (local.get $grad) (local.get $c1)))
                (local.set $c3 (v128.or (local.get $c3) (local.get $c1)))
                (local.set $c0 (v128.andnot (local.get $c0) (local.get $c3)))
                (v128.store (i32.add (local.get $dx) (local.get $at)) (v128.and (local.get $grad) (local.get $c0)))
                (local.set $g (i32.add (local.get $g) (i32.const 16)))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $channelsLoop)))
            (local.set $base (i32.add (local.get $base) (i32.shl (local.get $pixelBytes) (i32.const 1))))
            (local.set $col (i32.add (local.get $col) (i32.const 1)))
            (br $colsLoop)))
        ;; The window's second input row was written with the first; skip it.
        (local.set $base (i32.add (local.get $base) (local.get $rowBytes)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowsLoop))))`

/**
 * ReLU's gradient, dx = dy · step(x), with step(x) = 1 where x > 0, NaN where x is NaN and 0 elsewhere:
 * the product tfjs's own gradient computes (Step, Cast, Multiply), in one pass.
 */
export const RELU_GRAD = `  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $dx i32) (param $n i32)
    (local $i i32) (local $end i32) (local $vectorEnd i32) (local $xs v128) (local $steps v128) (local $s f32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $vectorEnd)))
        (local.set $xs (v128.load (i32.add (local.get $x) (local.get $i))))
        (local.set $steps
          (v128.bitselect (v128.const f32x4 1 1 1 1) (v128.const f32x4 0 0 0 0)
            (f32x4.gt (local.get $xs) (v128.const f32x4 0 0 0 0))))
        (local.set $steps (v128.bitselect (local.get $xs) (local.get $steps) (f32x4.ne (local.get $xs) (local.get $xs))))
        (v128.store (i32.add (local.get $dx) (local.get $i))
          (f32x4.mul (v128.load (i32.add (local.get $dy) (local.get $i))) (local.get $steps)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s (f32.load (i32.add (local.get $x) (local.get $i))))
        (local.set $s
          (select (f32.const 1)
            (select (local.get $s) (f32.const 0) (f32.ne (local.get $s) (local.get $s)))
            (f32.gt (local.get $s) (f32.const 0))))
        (f32.store (i32.add (local.get $dx) (local.get $i))
          (f32.mul (f32.load (i32.add (local.get $dy) (local.get $i))) (local.get $s)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))`

/**
 * The sums of the `cols` columns of a row-major [rows, cols] matrix (cols a multiple of 4): a conv layer's
 * bias gradient, dy [N,H,W,C] summed to [C], in one sequential pass, accumulated in float64 like the
 * plain loop it replaces (the same sums, in the same order). `totals` is scratch for cols float64 values.
 */
export const COLUMN_SUMS = `  (func (export "columnSums")
    (param $x i32) (param $rows i32) (param $cols i32) (param $totals i32) (param $out i32)
    (local $rowBytes i32) (local $p i32) (local $end i32) (local $c i32) (local $t i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (call $zeroTotals (local.get $totals) (local.get $rowBytes))
    (local.set $p (local.get $x))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $end)))
        ;; Two float32 values at a time, each pair into its two float64 totals.
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $t (i32.add (local.get $totals) (i32.shl (local.get $c) (i32.const 1))))
            (v128.store (local.get $t)
              (f64x2.add (v128.load (local.get $t))
                (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $p) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $colsLoop)))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (br $rowsLoop)))
    (call $writeTotals (local.get $totals) (local.get $out) (local.get $rowBytes)))`

/**
 * ReLU's gradient (as reluGrad) and the column sums of the result (as columnSums) in one pass: a conv layer's
 * pre-activation gradient and its bias gradient, for a row-major [rows, cols] layout (cols a multiple of 4).
 * The sums are accumulated in the same order and precision as columnSums, so they are the same numbers.
 */
export const RELU_GRAD_COLUMN_SUMS = `  (func (export "reluGradColumnSums")
    (param $dy i32) (param $x i32) (param $dx i32) (param $rows i32) (param $cols i32) (param $totals i32) (param $out i32)
    (local $rowBytes i32) (local $p i32) (local $end i32) (local $c i32) (local $t i32)
    (local $xs v128) (local $steps v128) (local $g v128)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (call $zeroTotals (local.get $totals) (local.get $rowBytes))
    (local.set $end (i32.mul (local.get $rows) (local.get $rowBytes)))
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $xs (v128.load (i32.add (local.get $x) (i32.add (local.get $p) (local.get $c)))))
            (local.set $steps
              (v128.bitselect (v128.const f32x4 1 1 1 1) (v128.const f32x4 0 0 0 0)
                (f32x4.gt (local.get $xs) (v128.const f32x4 0 0 0 0))))
            (local.set $steps (v128.bitselect (local.get $xs) (local.get $steps) (f32x4.ne (local.get $xs) (local.get $xs))))
            (local.set $g (f32x4.mul (v128.load (i32.add (local.get $dy) (i32.add (local.get $p) (local.get $c)))) (local.get $steps)))
            (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (local.get $c))) (local.get $g))
            (local.set $t (i32.add (local.get $totals) (i32.shl (local.get $c) (i32.const 1))))
            (v128.store (local.get $t) (f64x2.add (v128.load (local.get $t)) (f64x2.promote_low_f32x4 (local.get $g))))
            (v128.store offset=16 (local.get $t)
              (f64x2.add (v128.load offset=16 (local.get $t))
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $g) (local.get $g)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $colsLoop)))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (br $rowsLoop)))
    (call $writeTotals (local.get $totals) (local.get $out) (local.get $rowBytes)))`

/**
 * What columnSums and reluGradColumnSums share: zeroing the float64 totals of a row of `rowBytes` bytes of
 * float32 values, and writing them out as float32. Not exported.
 */
export const COLUMN_TOTALS = `  (func $zeroTotals (param $totals i32) (param $rowBytes i32)
    (local $c i32)
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $c) (i32.shl (local.get $rowBytes) (i32.const 1))))
        (v128.store (i32.add (local.get $totals) (local.get $c)) (v128.const f64x2 0 0))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $zero))))
  (func $writeTotals (param $totals i32) (param $out i32) (param $rowBytes i32)
    (local $c i32)
    (block $written
      (loop $write
        (br_if $written (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (v128.store64_lane 0 (i32.add (local.get $out) (local.get $c))
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $totals) (i32.shl (local.get $c) (i32.const 1))))))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $write))))`
