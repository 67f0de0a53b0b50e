-- Starter schema "saas": a tenant's users, teams and subscriptions (tdb workspaces schema --template saas).
-- citext compares e-mail addresses without regard to case; a trusted extension, so a blueprint may
-- carry it.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TYPE user_role AS ENUM ('owner', 'admin', 'member');

CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      citext      NOT NULL UNIQUE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    team_id bigint    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id bigint    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    user_role NOT NULL DEFAULT 'member',
    PRIMARY KEY (team_id, user_id)
);

CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE subscriptions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id    bigint      NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    plan       text        NOT NULL CHECK (plan IN ('free', 'pro', 'enterprise')),
    seats      integer     NOT NULL DEFAULT 1 CHECK (seats > 0),
    started_at timestamptz NOT NULL DEFAULT now(),
    ends_at    timestamptz
);

CREATE INDEX subscriptions_team ON subscriptions (team_id);

CREATE VIEW active_subscriptions AS
    SELECT s.id, s.team_id, t.name AS team, s.plan, s.seats
      FROM subscriptions s JOIN teams t ON t.id = s.team_id
     WHERE s.ends_at IS NULL OR s.ends_at > now();
