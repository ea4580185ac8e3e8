"""Package list for setuptools (everything else is in pyproject.toml).

resources/ sits at the top of the checkout (a fixed layout); in a wheel it must travel
inside the package, as utq_desktop/bundled_resources, where utq_desktop.resources finds it.
pyproject.toml cannot both discover packages and add that mapped one, so it is done here.
"""

from setuptools import find_namespace_packages, find_packages, setup

DATA = "utq_desktop.bundled_resources"

setup(
    packages=[
        *find_packages(include=["utq_desktop*", "ui*"]),
        DATA,
        *(f"{DATA}.{name}" for name in find_namespace_packages(where="resources")),
    ],
    package_dir={DATA: "resources"},
    package_data={
        DATA: ["**/*"],
        "utq_desktop.store": ["migrations/*.py", "migrations/versions/*.py", "migrations/*.mako"],
    },
)
