-- A canonical description of a database's user schemas, one row per object: what it is, its
-- qualified name, and its definition as PostgreSQL prints it. Nothing volatile (OIDs, sequence
-- positions, statistics, privileges of per-tenant roles) is part of it. Run with an empty
-- search_path, so every printed name is schema-qualified the same way in every database.
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname !~ '^pg_' AND nspname NOT IN ('information_schema', 'tdb_catalog')
)
SELECT 'schema' AS kind, nspname AS name, '' AS definition FROM ns
UNION ALL
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' WHEN 'c' THEN 'composite type'
                      WHEN 'f' THEN 'foreign table' ELSE 'table' END,
       ns.nspname || '.' || c.relname,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid)
            ELSE c.relkind::text || CASE WHEN c.relrowsecurity THEN ' row security' ELSE '' END END
FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
UNION ALL
SELECT 'column', ns.nspname || '.' || c.relname || '.' || a.attname,
       rank() OVER (PARTITION BY a.attrelid ORDER BY a.attnum)::text || ' '
       || format_type(a.atttypid, a.atttypmod)
       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
       || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
       || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
       || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
               THEN ' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation)
               ELSE '' END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN ns ON ns.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
UNION ALL
SELECT 'constraint', ns.nspname || '.' || coalesce(c.relname, t.typname) || '.' || con.conname,
       pg_get_constraintdef(con.oid)
FROM pg_constraint con
JOIN ns ON ns.oid = con.connamespace
LEFT JOIN pg_class c ON c.oid = con.conrelid
LEFT JOIN pg_type t ON t.oid = con.contypid
UNION ALL
SELECT 'index', ns.nspname || '.' || c.relname, pg_get_indexdef(c.oid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
UNION ALL
SELECT 'sequence definition', ns.nspname || '.' || c.relname,
       format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
       || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
       || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN ns ON ns.oid = c.relnamespace
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       CASE WHEN p.prokind = 'a' THEN pg_get_function_result(p.oid)
            ELSE pg_get_functiondef(p.oid) END
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
UNION ALL
SELECT 'type', ns.nspname || '.' || t.typname,
       t.typtype::text
       || CASE WHEN t.typtype = 'd' THEN ' ' || format_type(t.typbasetype, t.typtypmod)
               || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || t.typdefault, '')
               ELSE '' END
       || coalesce(' ' || (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)
                           FROM pg_enum e WHERE e.enumtypid = t.oid), '')
       || coalesce(' ' || (SELECT format_type(r.rngsubtype, NULL)
                           FROM pg_range r WHERE r.rngtypid = t.oid), '')
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype IN ('d', 'e', 'r', 'm')
UNION ALL
SELECT 'trigger', ns.nspname || '.' || c.relname || '.' || tg.tgname, pg_get_triggerdef(tg.oid)
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN ns ON ns.oid = c.relnamespace
WHERE NOT tg.tgisinternal
UNION ALL
SELECT 'policy', ns.nspname || '.' || c.relname || '.' || pol.polname,
       pol.polcmd::text || CASE WHEN pol.polpermissive THEN ' permissive' ELSE ' restrictive' END
       || coalesce(' using ' || pg_get_expr(pol.polqual, pol.polrelid), '')
       || coalesce(' check ' || pg_get_expr(pol.polwithcheck, pol.polrelid), '')
FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN ns ON ns.oid = c.relnamespace
UNION ALL
SELECT 'extension', x.extname, x.extversion FROM pg_extension x
