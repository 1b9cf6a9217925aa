"""The ``cache`` sub-commands: where factcheck keeps evidence indexes, and clearing them."""

from __future__ import annotations

import typer

from factcheck.cli.app import app

cache_app = typer.Typer(help="The cache of evidence indexes.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every evidence index from the cache (FACTCHECK_CACHE_DIR, else the user cache
    folder); they are rebuilt when next needed.

    Example: factcheck cache clear
    """
    from factcheck.evidence.index import clear_cache, index_dir

    removed, freed = clear_cache()
    noun = "file" if removed == 1 else "files"
    typer.echo(f"removed {removed} {noun} ({freed / 1e6:.1f} MB) from {index_dir()}")


@cache_app.command("dir")
def cache_dir() -> None:
    """Print the folder evidence indexes are kept in.

    Example: factcheck cache dir
    """
    from factcheck.evidence.index import index_dir

    typer.echo(str(index_dir()))
