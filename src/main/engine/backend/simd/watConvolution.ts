/*
 * WebAssembly text of the SIMD kernels for convolutions: filter-gradient patches and bias.
 * simdKernelsWat.ts assembles the module; addresses are byte offsets into the wasm backend's memory.
 */

/**
 * The patches of a stride-1 convolution's input as rows, for its filter gradient dW = patches · dy:
 * row (i, j, c) holds input channel c at tap (i, j) for every output position (n, y, x), so the rows come
 * in the HWIO filter's own order. The input (NHWC, n × h × w × c) is first laid out channel-major and
 * zero-padded in `planes` (c × n × hp × wp floats, hp = outH + kh − 1, wp = outW + kw − 1), so each row is
 * then assembled from runs of outW contiguous values. outW must be at least 4.
 */
export const PATCH_ROWS = `  (func (export "patchRows")
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
export const ADD_BIAS = `  (func (export "addBias") (param $x i32) (param $bias i32) (param $out i32) (param $rows i32) (param $cols i32)
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
