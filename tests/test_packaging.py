from importlib import metadata, resources

import pytest

import moralkit


def test_version_comes_from_metadata():
    assert moralkit.__version__ == metadata.version("moralkit")
    assert "__version__" in dir(moralkit)


def test_unknown_attribute():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        moralkit.nope  # noqa: B018


def test_all_is_sorted_and_exported():
    assert list(moralkit.__all__) == sorted(moralkit.__all__)
    for name in moralkit.__all__:
        assert hasattr(moralkit, name), name


def test_py_typed_ships():
    assert resources.files("moralkit").joinpath("py.typed").is_file()


def test_runtime_dependencies_are_three_and_tzdata_on_windows():
    requires = metadata.requires("moralkit") or []
    runtime = sorted(r.split(">=")[0] for r in requires if "extra ==" not in r)
    assert runtime == ["attrs", "cattrs", "python-dateutil", "tzdata"]
    assert any("tzdata" in r and "win32" in r for r in requires)


def test_license_is_mit_and_ships():
    meta = metadata.metadata("moralkit")
    assert meta["License-Expression"] == "MIT"
    files = metadata.files("moralkit") or []
    assert any(f.name == "LICENSE" for f in files)


def test_import_loads_only_what_it_needs():
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import sys, moralkit; "
        "print(sorted(m for m in ('cattrs', 'moralkit.model', 'moralkit.serde', 'moralkit.ita',"
        " 'moralkit.moral', 'moralkit.thai') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_public_name_resolves_lazily():
    import moralkit  # noqa: PLC0415

    for name in moralkit.__all__:
        assert getattr(moralkit, name) is not None
    assert moralkit.ita.__name__ == "moralkit.ita"
    assert set(moralkit.__all__) <= set(dir(moralkit))
