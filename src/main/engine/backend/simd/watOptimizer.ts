/*
 * WebAssembly text of the SIMD kernels for Adam's update.
 * simdKernelsWat.ts assembles the module; addresses are byte offsets into the wasm backend's memory.
 */

/**
 * One Adam step of `n` values with the same float32 operations, in the same order, as tfjs's AdamOptimizer:
 *   m' = m·β₁ + g·(1−β₁);  v' = v·β₂ + g²·(1−β₂);  w' = ((m'/c₁) / (√(v'/c₂) + ε))·(−lr) + w
 * with c₁ = 1−β₁ᵗ and c₂ = 1−β₂ᵗ.
 */
export const ADAM_UPDATE = `  (func (export "adamUpdate")
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
