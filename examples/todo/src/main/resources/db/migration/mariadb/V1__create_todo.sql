-- V1__create_todo.sql
-- Written by Carafe (db revision --autogenerate) for bind 'default' on MariaDB, from these differences between the models and the database:
--   table todo: missing from the database
-- Review it before applying it: generated SQL is a draft, not a decision.

-- New tables
create table todo (id bigint not null auto_increment, done bit not null, pub_date datetime(6) not null, text varchar(2000) not null, title varchar(255) not null, primary key (id)) engine=InnoDB;
