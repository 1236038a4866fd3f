"""MLServer runtime serving one ONNX file with onnxruntime (CPU), for the serving tests.

The metadata (`GET /v2/models/{name}`) declares the graph's own inputs and outputs: names,
FP32, shapes with -1 for symbolic dimensions, so a client can tell 13 [N,1] inputs from one
[N,13] tensor. `predict` feeds each request input by name and answers every graph output.
"""

import numpy as np
import onnxruntime as ort
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.errors import InferenceError
from mlserver.types import InferenceRequest, InferenceResponse, MetadataTensor
from mlserver.utils import get_model_uri

# onnxruntime's tensor types → the protocol's datatypes (the exported models are float32).
DATATYPES = {
    "tensor(float)": "FP32",
    "tensor(double)": "FP64",
    "tensor(int64)": "INT64",
    "tensor(int32)": "INT32",
}


def _metadata(args) -> list:
    return [
        MetadataTensor(
            name=arg.name,
            datatype=DATATYPES.get(arg.type, arg.type),
            shape=[dim if isinstance(dim, int) else -1 for dim in arg.shape],
        )
        for arg in args
    ]


class OnnxRuntime(MLModel):
    async def load(self) -> bool:
        path = await get_model_uri(self._settings, wellknown_filenames=["model.onnx"])
        self._session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        self.inputs = _metadata(self._session.get_inputs())
        self.outputs = _metadata(self._session.get_outputs())
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        declared = {arg.name: arg for arg in self._session.get_inputs()}
        feeds = {}
        for request_input in payload.inputs:
            if request_input.name not in declared:
                # InferenceError: a 400 with the protocol's {"error": …}, not a bare 500.
                raise InferenceError(
                    f"input {request_input.name!r} is not one of the model's inputs "
                    f"{sorted(declared)}"
                )
            feeds[request_input.name] = NumpyCodec.decode_input(request_input).astype(np.float32)
        try:
            results = self._session.run(None, feeds)
        except Exception as error:  # onnxruntime's own message says which input and why
            raise InferenceError(f"onnxruntime: {error}") from error
        outputs = [
            NumpyCodec.encode_output(name=arg.name, payload=result)
            for arg, result in zip(self._session.get_outputs(), results)
        ]
        return InferenceResponse(
            model_name=self.name, model_version=self.version, outputs=outputs
        )
