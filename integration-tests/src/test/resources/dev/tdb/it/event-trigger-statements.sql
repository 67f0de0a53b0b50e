-- Statements run in order, one per block (blocks end at a line holding only "--;"),
-- on a fresh database by EventTriggerAgreementIT. Each must succeed. The test checks
-- that tdb classifies a statement as DDL exactly when PostgreSQL fires a ddl_command_start
-- event trigger for it, with the same command tag.
create schema app
--;
create table app.account (id bigint generated always as identity primary key, email text not null unique, tenant text)
--;
create temporary table scratch (id int)
--;
create unlogged table app.cache (k text primary key, v jsonb)
--;
alter table app.account add column created_at timestamptz default now()
--;
alter table app.account alter column tenant set not null
--;
create index account_created on app.account (created_at)
--;
create index concurrently account_tenant on app.account (tenant)
--;
alter index app.account_created rename to account_created_at
--;
reindex index app.account_created_at
--;
create view app.recent as select * from app.account where created_at > now() - interval '1 day'
--;
create or replace view app.recent as select * from app.account where created_at > now() - interval '2 days'
--;
create materialized view app.counts as select tenant, count(*) from app.account group by tenant
--;
refresh materialized view app.counts
--;
create sequence app.invoice_no start 1000
--;
alter sequence app.invoice_no increment by 10
--;
create type app.mood as enum ('ok', 'sad')
--;
alter type app.mood add value 'happy'
--;
create domain app.email as text check (value like '%@%')
--;
create function app.touch() returns trigger language plpgsql as $$ begin new.created_at := now(); return new; end $$
--;
create trigger account_touch before update on app.account for each row execute function app.touch()
--;
create procedure app.noop() language sql as $$ select 1 $$
--;
create function app.twice(x int) returns int language sql immutable return x * 2
--;
alter function app.twice(int) set search_path = app
--;
comment on table app.account is 'people; with a semicolon'
--;
grant select on app.account to public
--;
revoke select on app.account from public
--;
alter default privileges in schema app grant select on tables to public
--;
alter table app.account enable row level security
--;
create policy own_rows on app.account using (tenant = current_user)
--;
create rule no_delete as on delete to app.cache do instead nothing
--;
create statistics app.account_stats on tenant, email from app.account
--;
create collation app.german (provider = libc, locale = 'C')
--;
create text search configuration app.simple_cfg (copy = pg_catalog.simple)
--;
create aggregate app.total(int) (sfunc = int4pl, stype = int, initcond = '0')
--;
create table app.child () inherits (app.cache)
--;
select * into app.copy_of_account from app.account
--;
create table app.snapshot as select id, email from app.account
--;
explain analyze create table app.explained as select 1 as one
--;
drop table app.child
--;
drop index app.account_created_at
--;
drop view app.recent
--;
drop function app.twice(int)
--;
drop schema app cascade
--;
create schema app2
--;
create table app2.t (id int primary key, v text)
--;
insert into app2.t values (1, 'a'), (2, 'b')
--;
update app2.t set v = 'c' where id = 1
--;
delete from app2.t where id = 2
--;
merge into app2.t using (values (3, 'd')) s(id, v) on t.id = s.id when not matched then insert values (s.id, s.v)
--;
with moved as (delete from app2.t where id = 3 returning *) insert into app2.t select id + 10, v from moved
--;
select count(*) from app2.t
--;
values (1), (2)
--;
table app2.t
--;
truncate app2.t
--;
vacuum app2.t
--;
analyze app2.t
--;
cluster app2.t using t_pkey
--;
listen tdb_channel
--;
notify tdb_channel, 'hello'
--;
set statement_timeout = '5s'
--;
show statement_timeout
--;
reset statement_timeout
--;
prepare by_id(int) as select * from app2.t where id = $1
--;
execute by_id(1)
--;
deallocate by_id
--;
do $$ begin perform 1; end $$
--;
explain select * from app2.t
--;
discard all
--;
checkpoint
--;
create extension if not exists pg_stat_statements
--;
alter extension pg_stat_statements update
--;
drop extension pg_stat_statements
--;
create role tdb_it_role nologin
--;
grant tdb_it_role to current_user
--;
drop role tdb_it_role
