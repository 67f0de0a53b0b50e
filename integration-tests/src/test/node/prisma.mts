// Prisma 7 ORM on its node-postgres driver adapter (@prisma/adapter-pg): model CRUD, a
// parameterized raw query, an interactive transaction rolled back and one committed.
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './prisma/generated/client.ts';
import { DDL, report, tenantUrl } from './scenario.mjs';

const CLIENT = 'prisma';
// The adapter hands the URL to node-postgres, which verifies the proxy against the sslrootcert CA.
const adapter = new PrismaPg({ connectionString: tenantUrl() });
const prisma = new PrismaClient({ adapter });
const mine = { client: CLIENT };
const names = async () =>
  (await prisma.item.findMany({ where: mine, orderBy: { name: 'asc' } })).map((i) => i.name);
const result: Record<string, unknown> = { client: CLIENT };
try {
  await prisma.item.deleteMany({ where: mine });
  result.inserted = (
    await prisma.item.createMany({
      data: [
        { client: CLIENT, name: 'apple', qty: 1 },
        { client: CLIENT, name: 'pear', qty: 2 },
        { client: CLIENT, name: 'plum', qty: 3 },
      ],
    })
  ).count;
  result.selected = await names();
  result.updated = (
    await prisma.item.updateMany({ where: { ...mine, name: 'pear' }, data: { qty: { increment: 10 } } })
  ).count;
  result.deleted = (await prisma.item.deleteMany({ where: { ...mine, name: 'plum' } })).count;
  const prepared = await prisma.$queryRaw<{ name: string; qty: number }[]>`
    SELECT name, qty FROM item WHERE client = ${CLIENT} AND qty > ${5} ORDER BY name`;
  result.prepared = prepared.map((r) => `${r.name}:${r.qty}`);
  await prisma
    .$transaction(async (tx) => {
      await tx.item.create({ data: { client: CLIENT, name: 'fig', qty: 4 } });
      throw new Error('roll back');
    })
    .catch(() => {});
  await prisma.$transaction(async (tx) => {
    await tx.item.create({ data: { client: CLIENT, name: 'kiwi', qty: 5 } });
  });
  result.final = await names();
  let ddl: Record<string, unknown>;
  try {
    await prisma.$executeRawUnsafe(DDL);
    ddl = { sqlstate: null, message: 'DDL was accepted' };
  } catch (error) {
    // P2010 (raw query failed); the PostgreSQL error is the driver adapter's cause.
    const cause = (error as Prisma.PrismaClientKnownRequestError).meta?.driverAdapterError as
      | { cause?: { originalCode?: string; originalMessage?: string } }
      | undefined;
    ddl = { sqlstate: cause?.cause?.originalCode ?? null, message: cause?.cause?.originalMessage ?? String(error) };
  }
  ddl.usableAfter = await prisma.item.count({ where: mine });
  result.ddl = ddl;
  await prisma.item.deleteMany({ where: mine });
} finally {
  await prisma.$disconnect();
}
report(result);
