/**
 * Python that reads the exported model.json + weights.bin (tfjs' layout: float32 little-endian values
 * one weight after another, in the order of model.json's weightsManifest) into {name: numpy array}.
 * Shared by the Keras and the PyTorch scripts so both read the same files the same way.
 */
export const PYTHON_WEIGHT_READER = `def read_exported_weights(folder):
    """{'L0_conv2d/kernel': array, ...} from folder/model.json and folder/weights.bin (float32, little-endian)."""
    with open(os.path.join(folder, "model.json"), encoding="utf-8") as f:
        groups = json.load(f)["weightsManifest"]
    data = np.fromfile(os.path.join(folder, "weights.bin"), dtype="<f4")
    weights, offset = {}, 0
    for group in groups:
        for spec in group["weights"]:
            if spec.get("dtype", "float32") != "float32":
                raise ValueError(f"{spec['name']} is {spec['dtype']}; only float32 weights are expected")
            size = int(np.prod(spec["shape"])) if spec["shape"] else 1
            weights[spec["name"]] = data[offset : offset + size].reshape(spec["shape"])
            offset += size
    return weights
`

/** Quotes a string for Python source (JSON string syntax is valid Python for these names). */
export function pyString(text: string): string {
  return JSON.stringify(text)
}

export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`
}
