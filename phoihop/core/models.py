"""Base model behaviour every domain record shares."""

from django.db import models

from phoihop.core.text import nfc, search_key


class NormalizedModel(models.Model):
    """Text is stored NFC, and `search_text` (when the model has it) holds the folded text
    of `search_fields`. Both happen in `full_clean()`, which every service calls before
    writing, so forms, the API and the command line store the same thing."""

    search_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def normalize(self) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value).strip() if field.name != "search_text" else value)
        if self.search_fields and hasattr(self, "search_text"):
            self.search_text = self.compute_search_text()

    def compute_search_text(self) -> str:
        return search_key(*(self._search_value(name) for name in self.search_fields))

    def _search_value(self, name: str) -> object:
        value = self
        for part in name.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def full_clean(self, *args, **kwargs):
        self.normalize()
        return super().full_clean(*args, **kwargs)


class SearchableModel(NormalizedModel):
    search_text = models.TextField(editable=False, default="", db_index=False)

    class Meta:
        abstract = True
