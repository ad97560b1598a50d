-- V1__create_user_and_post.sql
-- Written by Carafe (db revision --autogenerate) for bind 'default' on SQLite, from these differences between the models and the database:
--   table post: missing from the database
--   table user: missing from the database
-- Review it before applying it: generated SQL is a draft, not a decision.

-- New tables
create table "user" (id integer, password_hash varchar(255) not null, session_version integer not null, username varchar(80) not null unique, primary key (id));
create table post (id integer, body text not null, created timestamp not null, title varchar(255) not null, "author_id" bigint not null, primary key (id), constraint FKj8ntmheqdjt8hvo4td0wixygs foreign key ("author_id") references "user" (id));
