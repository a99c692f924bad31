"""Clean: boilerplate removal, text repair, language check and sentence offsets."""

from newsweave.clean.document import article_id, clean_document, segment_document
from newsweave.clean.repair import repair_text
from newsweave.clean.sentences import split_sentences

__all__ = ["article_id", "clean_document", "repair_text", "segment_document", "split_sentences"]
