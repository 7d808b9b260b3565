"""The product around the lesson: the `resume-bert` command, the service, training runs, ONNX, bulk labelling."""
