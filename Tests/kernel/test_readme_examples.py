"""Every Swift example of the READMEs and of the docs pages that a user types into a cell
compiles as one cell, in the order the page gives its examples. Each page's examples are
compiled together, inside a function so that the long trainings they show are type-checked
rather than run; the names a page takes as given ("a model", "inputs x and labels y") are
declared first."""

import re
from pathlib import Path

import pytest

from kernel_helpers import execute

ROOT = Path(__file__).resolve().parents[2]

# README or docs page -> the names its examples take as given (declared before them).
GIVEN = {
    "README.md": "",
    "docs/experiments.md": "",
    "docs/kernel.md": "",
    "Sources/Attacks/README.md": """
        var g = SeededGenerator(seed: 0)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &g)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let options = TrainingOptions(steps: 10, batchSize: 8)
        let (data, _) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 20, seed: 0)
        let (x, y) = (data.inputs, data.labels)
        let test = LabeledBatch(inputs: x, labels: y)
        """,
    "Sources/Datasets/README.md": "",
    "Sources/Experiments/README.md": "",
    "Sources/Models/README.md": """
        let (x, y) = (Tensor<Float>(zeros: [4, 2]), [0, 1, 0, 1])
        """,
    "Sources/NotebookDisplay/README.md": "",
    "Sources/Plotting/README.md": "",
    "Sources/MarginFigures/README.md": """
        var g = SeededGenerator(seed: 0)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &g)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let marginModel = model
        let marginHistory = TrainingHistory()
        let (ceDistances, lmDistances) = ([Double](), [Double]())
        let (whiteBoxCurves, blackBoxCurves) = ([Series](), [Series]())
        let batch = LabeledBatch(inputs: Tensor<Float>(zeros: [4, 2]), labels: [0, 1, 0, 1])
        let ceCurve = robustAccuracy(of: model, on: batch, under: .fgsm(epsilon: 0.1), epsilons: [0, 0.1])
        let lmCurve = ceCurve
        """,
    "Sources/Tensors/README.md": "",
    "Sources/Widgets/README.md": """
        func marginFigure(gamma: Double, norm: String) -> String { "gamma \\(gamma), \\(norm)" }
        """,
}


def swift_examples(readme: str) -> list[str]:
    text = (ROOT / readme).read_text()
    return [block for block in re.findall(r"```swift\n(.*?)```", text, re.S)]


@pytest.mark.parametrize("readme", sorted(GIVEN))
def test_the_swift_examples_compile_as_cells(kc, readme):
    """Each example is a cell of its own (a later one may declare a name again, as cells do)."""
    examples = swift_examples(readme)
    assert examples, f"{readme} has no Swift example"
    for number, example in enumerate(examples, start=1):
        body = GIVEN[readme] + "\n" + example
        lines = [line for line in body.splitlines() if not line.strip().startswith("import ")]
        name = re.sub(r"\W", "_", readme) + f"_{number}"
        cell = f"func example_{name}() throws {{\n" + "\n".join(lines) + "\n}"
        ex = execute(kc, cell, timeout=300)
        assert ex.status == "ok", f"{readme}, example {number}:\n" + "\n".join(ex.content.get("traceback", []))
