#!/usr/bin/env node
// A peer of the audit for `npm run bench`: the 4.7 lateness count as SQL in DuckDB, in a process of
// its own so that its wall and CPU time can be measured from outside.
//
//   node bench/peers/duckdb.mjs COMPLAINTS.csv DEADLINES.csv AS_OF
//
// COMPLAINTS.csv is a complaint register as bench/generate.mjs writes it; DEADLINES.csv the
// date → deadline table bench/run.mjs exports from our calendar (day,deadline: three working days
// after each day). Prints {"late": N, "seconds": S}, S being the query's own time.
import { DuckDBInstance } from '@duckdb/node-api';

const [complaints, deadlines, asOf] = process.argv.slice(2);
if (!complaints || !deadlines || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  process.stderr.write('usage: node bench/peers/duckdb.mjs COMPLAINTS.csv DEADLINES.csv YYYY-MM-DD\n');
  process.exit(2);
}
const literal = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const started = performance.now();
// The rule of 4.7 as the audit applies it to these files: a complaint (类别 投诉) received in the
// period is late when its opinion came after the deadline, or when it has none and the deadline
// passed before the as-of date. A date that is not one (2025-02-30) counts as none.
const sql = `
  WITH c AS (
    SELECT TRY_CAST(substr("受理时间", 1, 10) AS DATE) AS received,
           TRY_CAST(substr("处理意见时间", 1, 10) AS DATE) AS opinion
    FROM read_csv(${literal(complaints)}, header = true, all_varchar = true)
    WHERE "类别" = '投诉'
  )
  SELECT count(*) AS late
  FROM c JOIN read_csv(${literal(deadlines)}, header = true, columns = {'day': 'DATE', 'deadline': 'DATE'}) d ON d.day = c.received
  WHERE c.received BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
    AND ((c.opinion IS NOT NULL AND c.opinion > d.deadline) OR (c.opinion IS NULL AND d.deadline < DATE '${asOf}'))`;
const reader = await connection.runAndReadAll(sql);
const late = Number(reader.getRows()[0][0]);
const seconds = (performance.now() - started) / 1000;
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ late, seconds }));
