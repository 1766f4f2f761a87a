/**
 * Python pieces of the PyTorch export: TensorFlow-style 'same' average pooling, and the loader that turns the
 * exported tfjs weights (NHWC kernels, h-w-c flatten order) into the module's NCHW parameters.
 */

export const SAME_AVG_POOL = `

class TfSameAvgPool2d(nn.Module):
    """TensorFlow's 'same' average pooling: uneven zero padding, padded cells left out of the average."""

    def __init__(self, kernel_size, stride, pads):
        super().__init__()
        self.pool = nn.AvgPool2d(kernel_size, stride=stride)
        self.pads = pads  # (left, right, top, bottom)

    def forward(self, x):
        total = self.pool(F.pad(x, self.pads))
        count = self.pool(F.pad(torch.ones_like(x[:, :1]), self.pads))
        return total / count
`

export const PYTORCH_LOADER = `

def _hwc_to_chw(hwc):
    """Index order that turns a flattened (h, w, c) vector into a flattened (c, h, w) one."""
    h, w, c = hwc
    return np.arange(h * w * c).reshape(h, w, c).transpose(2, 0, 1).reshape(-1)


def load_exported_weights(model, folder):
    """Copies the exported tfjs weights (folder/model.json + weights.bin) into the module."""
    load_weight_arrays(model, read_exported_weights(folder))


def load_weight_arrays(model, weights):
    """Copies tfjs-layout weights ({'L0_conv2d/kernel': array, ...}) into the module, converting layouts:
    conv kernels [kh, kw, in, out] -> [out, in, kh, kw]; dense kernels [in, out] -> [out, in];
    and after a Flatten of a 3-D map, the rows of the first Linear (and any batch-norm before it) are
    reordered from tfjs' h-w-c flatten order to PyTorch's c-h-w order."""
    state = {}
    for name, kind, hwc in WEIGHTED_LAYERS:
        order = _hwc_to_chw(hwc) if hwc is not None else None
        get = lambda key: weights.get(f"{name}/{key}")
        if kind == "conv2d":
            state[f"net.{name}.weight"] = get("kernel").transpose(3, 2, 0, 1)
        elif kind == "dense":
            kernel = get("kernel")
            state[f"net.{name}.weight"] = (kernel[order] if order is not None else kernel).T
        else:
            for key, torch_key in (("gamma", "weight"), ("beta", "bias"), ("moving_mean", "running_mean"),
                                   ("moving_variance", "running_var")):
                value = get(key)
                state[f"net.{name}.{torch_key}"] = value[order] if order is not None else value
        if kind != "batchNorm" and get("bias") is not None:
            state[f"net.{name}.bias"] = get("bias")
    tensors = {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in state.items()}
    missing, unexpected = model.load_state_dict(tensors, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"weights do not fit: missing {missing}, unexpected {unexpected}")


def weight_arrays(model):
    """The reverse of load_weight_arrays: the module's parameters in tfjs' layout and names."""
    state = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    weights = {}
    for name, kind, hwc in WEIGHTED_LAYERS:
        order = _hwc_to_chw(hwc) if hwc is not None else None

        def put(key, value):
            if order is None:
                weights[f"{name}/{key}"] = value
            else:
                unordered = np.empty_like(value)
                unordered[order] = value
                weights[f"{name}/{key}"] = unordered

        if kind == "conv2d":
            weights[f"{name}/kernel"] = state[f"net.{name}.weight"].transpose(2, 3, 1, 0)
        elif kind == "dense":
            put("kernel", state[f"net.{name}.weight"].T)
        else:
            for key, torch_key in (("gamma", "weight"), ("beta", "bias"), ("moving_mean", "running_mean"),
                                   ("moving_variance", "running_var")):
                put(key, state[f"net.{name}.{torch_key}"])
        if kind != "batchNorm" and f"net.{name}.bias" in state:
            weights[f"{name}/bias"] = state[f"net.{name}.bias"]
    return {k: np.ascontiguousarray(v) for k, v in weights.items()}
`
