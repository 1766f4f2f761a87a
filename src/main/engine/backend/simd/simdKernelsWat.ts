/**
 * The source of simdKernelsWasm.ts: kernels that work in place in the wasm backend's memory, four float32
 * values per instruction (wasm SIMD). Addresses are byte offsets. After editing, run `npm run build:simd`
 * to regenerate the binary (a test checks that they match).
 */

export const OWN_MEMORY_IMPORT = '(import "env" "memory" (memory 0))'
/** The threaded build's memory is shared and declares a maximum; an import must say both. */
export const SHARED_MEMORY_IMPORT = '(import "env" "memory" (memory 0 65536 shared))'

/**
 * One Adam step of `n` values with the same float32 operations, in the same order, as tfjs's AdamOptimizer:
 *   m' = m·β₁ + g·(1−β₁);  v' = v·β₂ + g²·(1−β₂);  w' = ((m'/c₁) / (√(v'/c₂) + ε))·(−lr) + w
 * with c₁ = 1−β₁ᵗ and c₂ = 1−β₂ᵗ.
 */
const ADAM_UPDATE = `  (func (export "adamUpdate")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $wOut i32) (param $mOut i32) (param $vOut i32) (param $n i32)
    (param $beta1 f32) (param $keep1 f32) (param $beta2 f32) (param $keep2 f32)
    (param $c1 f32) (param $c2 f32) (param $epsilon f32) (param $step f32)
    (local $i i32) (local $end i32) (local $vectorEnd i32)
    (local $vBeta1 v128) (local $vKeep1 v128) (local $vBeta2 v128) (local $vKeep2 v128)
    (local $vC1 v128) (local $vC2 v128) (local $vEpsilon v128) (local $vStep v128)
    (local $grad v128) (local $first v128) (local $second v128)
    (local $sGrad f32) (local $sFirst f32) (local $sSecond f32)
    (local.set $vBeta1 (f32x4.splat (local.get $beta1)))
    (local.set $vKeep1 (f32x4.splat (local.get $keep1)))
    (local.set $vBeta2 (f32x4.splat (local.get $beta2)))
    (local.set $vKeep2 (f32x4.splat (local.get $keep2)))
    (local.set $vC1 (f32x4.splat (local.get $c1)))
    (local.set $vC2 (f32x4.splat (local.get $c2)))
    (local.set $vEpsilon (f32x4.splat (local.get $epsilon)))
    (local.set $vStep (f32x4.splat (local.get $step)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vectorEnd (i32.and (local.get $end) (i32.const -16)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $vectorEnd)))
        (local.set $grad (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $first
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $vBeta1))
            (f32x4.mul (local.get $grad) (local.get $vKeep1))))
        (local.set $second
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $vBeta2))
            (f32x4.mul (f32x4.mul (local.get $grad) (local.get $grad)) (local.get $vKeep2))))
        (v128.store (i32.add (local.get $mOut) (local.get $i)) (local.get $first))
        (v128.store (i32.add (local.get $vOut) (local.get $i)) (local.get $second))
        (v128.store (i32.add (local.get $wOut) (local.get $i))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $first) (local.get $vC1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $second) (local.get $vC2))) (local.get $vEpsilon)))
              (local.get $vStep))
            (v128.load (i32.add (local.get $w) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $sGrad (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $sFirst
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $beta1))
            (f32.mul (local.get $sGrad) (local.get $keep1))))
        (local.set $sSecond
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $sGrad) (local.get $sGrad)) (local.get $keep2))))
        (f32.store (i32.add (local.get $mOut) (local.get $i)) (local.get $sFirst))
        (f32.store (i32.add (local.get $vOut) (local.get $i)) (local.get $sSecond))
        (f32.store (i32.add (local.get $wOut) (local.get $i))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $sFirst) (local.get $c1))
                (f32.add (f32.sqrt (f32.div (local.get $sSecond) (local.get $c2))) (local.get $epsilon)))
              (local.get $step))
            (f32.load (i32.add (local.get $w) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))`

/**
 * The gradient of 2×2, stride-2, unpadded max pooling on NHWC tensors with a multiple of 4 channels: each
 * window sends dy to its first strictly largest value in row-major order (as tfjs's cpu kernel does, so
 * windows of equal values, such as ReLU zeros, pass dy once) and zero to the other three. `rows` is
 * batch × output height; x and dx have 2·outWidth columns.
 */
const MAX_POOL_GRAD_2X2 = `  (func (export "maxPoolGrad2x2")
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
const RELU_GRAD = `  (func (export "reluGrad") (param $dy i32) (param $x i32) (param $dx i32) (param $n i32)
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
const COLUMN_SUMS = `  (func (export "columnSums")
    (param $x i32) (param $rows i32) (param $cols i32) (param $totals i32) (param $out i32)
    (local $rowBytes i32) (local $p i32) (local $end i32) (local $c i32) (local $t i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $c) (i32.shl (local.get $rowBytes) (i32.const 1))))
        (v128.store (i32.add (local.get $totals) (local.get $c)) (v128.const f64x2 0 0))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $zero)))
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
    (local.set $c (i32.const 0))
    (block $written
      (loop $write
        (br_if $written (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (v128.store64_lane 0 (i32.add (local.get $out) (local.get $c))
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $totals) (i32.shl (local.get $c) (i32.const 1))))))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $write))))`

/**
 * The patches of a stride-1 convolution's input as rows, for its filter gradient dW = patches · dy:
 * row (i, j, c) holds input channel c at tap (i, j) for every output position (n, y, x), so the rows come
 * in the HWIO filter's own order. The input (NHWC, n × h × w × c) is first laid out channel-major and
 * zero-padded in `planes` (c × n × hp × wp floats, hp = outH + kh − 1, wp = outW + kw − 1), so each row is
 * then assembled from runs of outW contiguous values. outW must be at least 4.
 */
const PATCH_ROWS = `  (func (export "patchRows")
    (param $x i32) (param $n i32) (param $h i32) (param $w i32) (param $c i32)
    (param $kh i32) (param $kw i32) (param $padTop i32) (param $padLeft i32) (param $outH i32) (param $outW i32)
    (param $planes i32) (param $out i32)
    (local $hp i32) (local $wp i32) (local $planeBytes i32) (local $imageBytes i32)
    (local $b i32) (local $yp i32) (local $xp i32) (local $ch i32) (local $src i32) (local $dst i32)
    (local $yy i32) (local $xx i32) (local $inside i32) (local $value f32)
    (local $i i32) (local $j i32) (local $y i32) (local $row i32) (local $runBytes i32) (local $k i32) (local $tail i32)
    (local.set $hp (i32.sub (i32.add (local.get $outH) (local.get $kh)) (i32.const 1)))
    (local.set $wp (i32.sub (i32.add (local.get $outW) (local.get $kw)) (i32.const 1)))
    (local.set $imageBytes (i32.shl (i32.mul (local.get $hp) (local.get $wp)) (i32.const 2)))
    (local.set $planeBytes (i32.mul (local.get $imageBytes) (local.get $n)))
    ;; planes[ch][b][yp][xp] = x[b][yp - padTop][xp - padLeft][ch], or 0 outside the image.
    (local.set $b (i32.const 0))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $yp (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $yp) (local.get $hp)))
        (local.set $yy (i32.sub (local.get $yp) (local.get $padTop)))
        (local.set $xp (i32.const 0))
        (block $colsDone (loop $cols
          (br_if $colsDone (i32.ge_u (local.get $xp) (local.get $wp)))
          (local.set $xx (i32.sub (local.get $xp) (local.get $padLeft)))
          (local.set $inside
            (i32.and
              (i32.lt_u (local.get $yy) (local.get $h))
              (i32.lt_u (local.get $xx) (local.get $w))))
          (local.set $src
            (i32.add (local.get $x)
              (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $yy)) (local.get $w)) (local.get $xx)) (local.get $c)) (i32.const 2))))
          (local.set $dst
            (i32.add (local.get $planes)
              (i32.add (i32.mul (local.get $b) (local.get $imageBytes))
                (i32.shl (i32.add (i32.mul (local.get $yp) (local.get $wp)) (local.get $xp)) (i32.const 2)))))
          (local.set $ch (i32.const 0))
          (block $chDone (loop $chs
            (br_if $chDone (i32.ge_u (local.get $ch) (local.get $c)))
            (local.set $value (f32.const 0))
            (if (local.get $inside) (then (local.set $value (f32.load (i32.add (local.get $src) (i32.shl (local.get $ch) (i32.const 2)))))))
            (f32.store (local.get $dst) (local.get $value))
            (local.set $dst (i32.add (local.get $dst) (local.get $planeBytes)))
            (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
            (br $chs)))
          (local.set $xp (i32.add (local.get $xp) (i32.const 1)))
          (br $cols)))
        (local.set $yp (i32.add (local.get $yp) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
    ;; Each row: for every image and output row, outW values starting at (y + i, j) of its plane.
    (local.set $runBytes (i32.shl (local.get $outW) (i32.const 2)))
    (local.set $tail (i32.sub (local.get $runBytes) (i32.const 16)))
    (local.set $dst (local.get $out))
    (local.set $i (i32.const 0))
    (block $iDone (loop $is
      (br_if $iDone (i32.ge_u (local.get $i) (local.get $kh)))
      (local.set $j (i32.const 0))
      (block $jDone (loop $js
        (br_if $jDone (i32.ge_u (local.get $j) (local.get $kw)))
        (local.set $ch (i32.const 0))
        (block $cDone (loop $cs
          (br_if $cDone (i32.ge_u (local.get $ch) (local.get $c)))
          (local.set $b (i32.const 0))
          (block $bDone (loop $bs
            (br_if $bDone (i32.ge_u (local.get $b) (local.get $n)))
            (local.set $src
              (i32.add (local.get $planes)
                (i32.add (i32.add (i32.mul (local.get $ch) (local.get $planeBytes)) (i32.mul (local.get $b) (local.get $imageBytes)))
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $wp)) (local.get $j)) (i32.const 2)))))
            (local.set $y (i32.const 0))
            (block $yDone (loop $ys
              (br_if $yDone (i32.ge_u (local.get $y) (local.get $outH)))
              (local.set $k (i32.const 0))
              (block $runDone (loop $run
                (br_if $runDone (i32.gt_s (local.get $k) (local.get $tail)))
                (v128.store (i32.add (local.get $dst) (local.get $k)) (v128.load (i32.add (local.get $src) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $run)))
              ;; The last, partly overlapping, four values.
              (v128.store (i32.add (local.get $dst) (local.get $tail)) (v128.load (i32.add (local.get $src) (local.get $tail))))
              (local.set $dst (i32.add (local.get $dst) (local.get $runBytes)))
              (local.set $src (i32.add (local.get $src) (i32.shl (local.get $wp) (i32.const 2))))
              (local.set $y (i32.add (local.get $y) (i32.const 1)))
              (br $ys)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bs)))
          (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
          (br $cs)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $js)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $is))))`

/**
 * x + bias for a row-major [rows, cols] matrix and a [cols] bias (cols a multiple of 4): the bias of every
 * conv layer's output, which tfjs adds as its own kernel while recording gradients.
 */
const ADD_BIAS = `  (func (export "addBias") (param $x i32) (param $bias i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $rowBytes i32) (local $end i32) (local $c i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (block $rowsDone
      (loop $rowsLoop
        (br_if $rowsDone (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colsLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (v128.store (i32.add (local.get $out) (local.get $c))
              (f32x4.add (v128.load (i32.add (local.get $x) (local.get $c))) (v128.load (i32.add (local.get $bias) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $colsLoop)))
        (local.set $x (i32.add (local.get $x) (local.get $rowBytes)))
        (local.set $out (i32.add (local.get $out) (local.get $rowBytes)))
        (br $rowsLoop))))`

/** The module, importing the backend's memory with `memoryImport`. */
export const simdKernelsWat = (memoryImport: string): string =>
  `(module\n  ${memoryImport}\n${ADAM_UPDATE}\n${MAX_POOL_GRAD_2X2}\n${RELU_GRAD}\n${COLUMN_SUMS}\n${PATCH_ROWS}\n${ADD_BIAS})\n`
