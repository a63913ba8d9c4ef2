"""What every route of the page reaches through its application: the project, the settings and
the shared services (sessions, the render processes, batches, the register)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from formgen.project import Project, Setup
from formgen.web.auth import Sessions, Throttle, stored_hash
from formgen.web.batch import Batches
from formgen.web.register import CaseRegister
from formgen.web.settings import Settings
from formgen.web.workers import RenderPool


@dataclass
class Web:
    """What every route needs: the project, the settings and the page's shared services."""

    project: Project
    settings: Settings
    sessions: Sessions = field(default_factory=Sessions)
    throttle: Throttle = field(default_factory=Throttle)
    pool: RenderPool | None = None
    batches: Batches | None = None
    register: CaseRegister | None = None

    @property
    def setup(self) -> Setup:
        """How the render processes rebuild the project: its templates with the workspace's own
        forms, its data and its mark (WZÓR for the bundled example). Without the register link:
        the page records what it renders itself (`register`), after its rules."""
        return replace(self.project.setup, register=None)

    def password_hash(self) -> str | None:
        return stored_hash(self.settings.password_file)


def web_of(app: Any) -> Web:
    """The Web of an application (routes reach it through request.app)."""
    return app.state.web  # type: ignore[no-any-return]
