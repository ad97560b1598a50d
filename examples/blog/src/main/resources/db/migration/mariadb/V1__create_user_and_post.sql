-- V1__create_user_and_post.sql
-- Written by Carafe (db revision --autogenerate) for bind 'default' on MariaDB, from these differences between the models and the database:
--   table post: missing from the database
--   table user: missing from the database
-- Review it before applying it: generated SQL is a draft, not a decision.

-- New tables
create table `user` (id bigint not null auto_increment, password_hash varchar(255) not null, session_version integer not null, username varchar(80) not null, primary key (id)) engine=InnoDB;
alter table if exists `user` add constraint UK5c856itaihtmi69ni04cmpc4m unique (username);
create table post (id bigint not null auto_increment, body text not null, created datetime(6) not null, title varchar(255) not null, `author_id` bigint not null, primary key (id)) engine=InnoDB;

-- Foreign keys
alter table if exists post add constraint FKj8ntmheqdjt8hvo4td0wixygs foreign key (`author_id`) references `user` (id);
