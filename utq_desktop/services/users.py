"""The people who work with the application: coordinators, consultants, HR advisors."""

from __future__ import annotations

from sqlalchemy import select

from utq_desktop.domain.models import AppUser
from utq_desktop.domain.names import fold
from utq_desktop.errors import ValidationError
from utq_desktop.services import audit
from utq_desktop.services.context import Context
from utq_desktop.services.dto import UserInfo

ROLES = ("coordinator", "consultant", "hr", "assessor")


class UserService:
    def __init__(self, context: Context) -> None:
        self._context = context

    def list(self, role: str | None = None) -> list[UserInfo]:
        query = select(AppUser.id, AppUser.login, AppUser.name, AppUser.role)
        if role is not None:
            query = query.where(AppUser.role == role)
        with self._context.read() as session:
            users = [UserInfo(*row) for row in session.execute(query)]
        return sorted(users, key=lambda user: fold(user.name))

    def add(self, login: str, name: str, role: str, email: str = "") -> int:
        login, name = login.strip(), name.strip()
        if not login or not name:
            raise ValidationError("A user needs a login and a name.")
        if role not in ROLES:
            raise ValidationError(f"Unknown role '{role}'; use one of {', '.join(ROLES)}.")
        with self._context.transaction() as session:
            if session.scalar(select(AppUser.id).where(AppUser.login == login)) is not None:
                raise ValidationError(f"There is already a user with login '{login}'.", "login")
            user = AppUser(login=login, name=name, role=role, email=email.strip().lower())
            session.add(user)
            session.flush()
            audit.record(
                session,
                self._context.actor,
                entity="app_user",
                entity_id=user.id,
                action="create",
                changes=[("login", None, login), ("name", None, name), ("role", None, role)],
            )
            return user.id
