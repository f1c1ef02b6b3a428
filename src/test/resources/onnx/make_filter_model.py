#!/usr/bin/env python3
"""Makes the tiny ONNX quality classifier that OnnxJudgeTest runs, and its reference answers.

Run with Debian's python3-onnx and python3-numpy: /usr/bin/python3 make_filter_model.py
Writes: quality4.onnx: input x [N,1,16,16] -> logits [N,4] = 20 * (2 c m - c^2) with m the image's mean grey level
        and c the class centres (0.85, 0.575, 0.325, 0.1): the nearest centre wins, so a bright image is class 0;
        quality4.labels.json: the label map (class index -> the answer it stands for, as a list);
        quality4.reference.json: for grey levels 0.05, 0.3, 0.5, 0.9, 0.62, the expected class and softmax
        probability computed here with numpy from the formula (not by running the model).
"""
import json
import numpy as np
import onnx
from onnx import TensorProto, helper

centres = np.array([0.85, 0.575, 0.325, 0.1])
W = (20 * 2 * centres).reshape(1, 4).astype(np.float32)
B = (-20 * centres ** 2).astype(np.float32)

graph = helper.make_graph(
    [helper.make_node("ReduceMean", ["x"], ["m4"], axes=[2, 3], keepdims=1),
     helper.make_node("Flatten", ["m4"], ["m"], axis=1),
     helper.make_node("MatMul", ["m", "W"], ["z"]),
     helper.make_node("Add", ["z", "B"], ["logits"])],
    "quality4",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 1, 16, 16])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["n", 4])],
    [helper.make_tensor("W", TensorProto.FLOAT, [1, 4], W.flatten().tolist()),
     helper.make_tensor("B", TensorProto.FLOAT, [4], B.tolist())])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="cxrbench-tests")
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, "quality4.onnx")
labels = ["High Quality", "Medium Quality", "Low Quality", "Not Relevant"]
json.dump(labels, open("quality4.labels.json", "w"))
ref = []
for g in [0.05, 0.3, 0.5, 0.9, 0.62]:
    # PNG grey levels are 8-bit: the image stores round(255 g) / 255
    m = round(255 * g) / 255
    z = (m * W.astype(np.float64)).flatten() + B
    p = np.exp(z - z.max())
    p /= p.sum()
    k = int(np.argmax(z))
    ref.append({"grey": g, "class": k, "answer": labels[k], "probability": float(p[k])})
json.dump(ref, open("quality4.reference.json", "w"), indent=1)
print(ref)
