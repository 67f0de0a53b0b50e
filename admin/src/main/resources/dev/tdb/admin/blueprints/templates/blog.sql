-- Starter schema "blog": authors, posts, tags and comments (tdb workspaces schema --template blog).
CREATE TYPE post_state AS ENUM ('draft', 'published', 'archived');

CREATE TABLE authors (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    handle   text NOT NULL UNIQUE,
    name     text NOT NULL
);

CREATE TABLE posts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    author_id    bigint      NOT NULL REFERENCES authors (id),
    slug         text        NOT NULL UNIQUE,
    title        text        NOT NULL,
    body         text        NOT NULL DEFAULT '',
    state        post_state  NOT NULL DEFAULT 'draft',
    published_at timestamptz
);

CREATE INDEX posts_published ON posts (published_at DESC) WHERE state = 'published';

CREATE TABLE tags (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE post_tags (
    post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);

CREATE TABLE comments (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id    bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author     text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_post ON comments (post_id, created_at);

CREATE VIEW published_posts AS
    SELECT p.id, p.slug, p.title, a.handle AS author, p.published_at
      FROM posts p JOIN authors a ON a.id = p.author_id
     WHERE p.state = 'published';
