// Sequelize (on node-postgres): a model for CRUD, bound replacements, managed transactions,
// and raw DDL through sequelize.query.
import { DataTypes, Op, Sequelize } from 'sequelize';
import { DDL, failure, report, tenantUrl } from './scenario.mjs';

const CLIENT = 'sequelize';
// Sequelize hands the URL's TLS settings to node-postgres, which verifies the proxy against the
// sslrootcert CA.
const sequelize = new Sequelize(tenantUrl(), { logging: false });
const Item = sequelize.define(
  'Item',
  {
    id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
    client: { type: DataTypes.TEXT, allowNull: false },
    name: { type: DataTypes.TEXT, allowNull: false },
    qty: { type: DataTypes.INTEGER, allowNull: false },
  },
  { tableName: 'item', timestamps: false },
);
const names = async () =>
  (await Item.findAll({ where: { client: CLIENT }, order: [['name', 'ASC']] })).map((i) => i.name);
const result = { client: CLIENT };
try {
  await Item.destroy({ where: { client: CLIENT } });
  const created = await Item.bulkCreate([
    { client: CLIENT, name: 'apple', qty: 1 },
    { client: CLIENT, name: 'pear', qty: 2 },
    { client: CLIENT, name: 'plum', qty: 3 },
  ]);
  result.inserted = created.length;
  result.selected = await names();
  const [updated] = await Item.update(
    { qty: sequelize.literal('qty + 10') },
    { where: { client: CLIENT, name: 'pear' } },
  );
  result.updated = updated;
  result.deleted = await Item.destroy({ where: { client: CLIENT, name: 'plum' } });
  const prepared = await sequelize.query(
    'SELECT name, qty FROM item WHERE client = $1 AND qty > $2 ORDER BY name',
    { bind: [CLIENT, 5], type: Sequelize.QueryTypes.SELECT },
  );
  result.prepared = prepared.map((r) => `${r.name}:${r.qty}`);
  await sequelize
    .transaction(async (transaction) => {
      await Item.create({ client: CLIENT, name: 'fig', qty: 4 }, { transaction });
      throw new Error('roll back');
    })
    .catch(() => {});
  await sequelize.transaction(async (transaction) => {
    await Item.create({ client: CLIENT, name: 'kiwi', qty: 5 }, { transaction });
  });
  result.final = await names();
  try {
    await sequelize.query(DDL);
    result.ddl = { sqlstate: null, message: 'DDL was accepted' };
  } catch (error) {
    result.ddl = failure(error);
  }
  result.ddl.usableAfter = await Item.count({ where: { client: CLIENT, qty: { [Op.gte]: 0 } } });
  await Item.destroy({ where: { client: CLIENT } });
} finally {
  await sequelize.close();
}
report(result);
