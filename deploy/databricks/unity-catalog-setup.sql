-- Unity Catalog set-up a bundle cannot do, run once per environment before the first `databricks bundle deploy`
-- (databricks.yml then creates the schemas, the MLflow volume and the grants on them). Run it as a metastore admin
-- (or a principal with CREATE EXTERNAL LOCATION and CREATE CATALOG on the metastore), in a SQL warehouse or
-- `databricks api post /api/2.0/sql/statements`, after replacing the <...> placeholders:
--   <env>                     dev or prod
--   <account>                 the AWS account id: the lake bucket is s3://nyc311-lake-<env>-<account>
--                             (deploy/ecs/nyc311.yaml's LakeBucket; deploy.yml passes it as lake_root)
--   <job-sp>, <forecast-sp>, <anomaly-sp>
--                             application ids of the job's, forecast-service's and anomaly-service's service principals
--                             (databricks.yml's job_principal, forecast_service_principal, anomaly_service_principal)
--   <deployer-sp>             application id of the principal deploy.yml deploys the bundle as
--                             (DATABRICKS_DEPLOYER_CLIENT_ID): it creates the schemas and their managed storage
--
-- 1. The storage credential: the stack's DatabricksLakeRole (output DatabricksLakeRoleArn, role
--    nyc311-<env>-databricks-lake), which Unity Catalog assumes to reach the lake bucket: read raw/, read-write
--    unity-catalog/ (the schemas' managed storage, databricks.yml's storage_root), _checkpoints/, _pipeline_runs/,
--    _maintenance/ and _gold_extract/ (gold's daily extract, which the services read from S3).
--    Storage credentials cannot be created in SQL, nor by a bundle; with the CLI:
--      databricks storage-credentials create --json '{"name": "nyc311_lake_<env>",
--        "aws_iam_role": {"role_arn": "arn:aws:iam::<account>:role/nyc311-<env>-databricks-lake"}}'
--    It answers with the credential's external id (aws_iam_role.external_id): update the stack with it
--    (DatabricksStorageExternalId, created as 0000), then `databricks storage-credentials validate` the credential.
--
-- 2. The external location on the bucket: the jobs read raw JSON (Auto Loader) and write streaming checkpoints,
--    run results and gold's extract under lake_root through it, not through an instance profile, and the schemas keep their managed
--    tables under it. Not a bundle resource in the CLI the deploy workflow pins (v0.236), so here; the CLI equivalent is
--      databricks external-locations create nyc311_lake_<env> s3://nyc311-lake-<env>-<account> nyc311_lake_<env>
CREATE EXTERNAL LOCATION IF NOT EXISTS nyc311_lake_<env>
  URL 's3://nyc311-lake-<env>-<account>'
  WITH (STORAGE CREDENTIAL nyc311_lake_<env>)
  COMMENT 'nyc311 lake: raw landings, checkpoints and run results of the delta-jobs medallion';
GRANT READ FILES, WRITE FILES ON EXTERNAL LOCATION nyc311_lake_<env> TO `<job-sp>`;
GRANT CREATE MANAGED STORAGE ON EXTERNAL LOCATION nyc311_lake_<env> TO `<deployer-sp>`;

-- 3. The catalog. Prod uses main; dev has its own (databricks.yml's dev target: catalog nyc311_dev), with its managed
--    location in the lake bucket, since a metastore without root storage (usual where Unity Catalog was enabled
--    automatically) refuses a catalog without one. A workspace that has no main: create the prod catalog the same way
--    under another name and set databricks.yml's prod catalog to it (deploy.yml passes the deployed schemas on).
--    Only for dev:
CREATE CATALOG IF NOT EXISTS nyc311_dev
  MANAGED LOCATION 's3://nyc311-lake-dev-<account>/unity-catalog'
  COMMENT 'nyc311 dev: the prod schema names, apart from main';

-- 4. USE CATALOG for the principals (a catalog is not among a bundle's resources, so neither are its grants).
--    <catalog> is main for prod, nyc311_dev for dev. The job also creates its tables in the bundle's schemas.
GRANT USE CATALOG ON CATALOG <catalog> TO `<job-sp>`;
GRANT USE CATALOG ON CATALOG <catalog> TO `<forecast-sp>`;
GRANT USE CATALOG ON CATALOG <catalog> TO `<anomaly-sp>`;
GRANT USE CATALOG, CREATE SCHEMA ON CATALOG <catalog> TO `<deployer-sp>`;
