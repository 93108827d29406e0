-- The permission groups every installation starts with.
INSERT INTO permission_group (name, title) VALUES ('administrator', 'Administrator');
INSERT INTO permission_group (name, title) VALUES ('content_administrator', 'Content administrator');
INSERT INTO permission_group (name, title) VALUES ('teacher', 'Teacher');

INSERT INTO group_permission (group_id, permission)
SELECT id, p.permission FROM permission_group
JOIN (SELECT 'admin.users' AS permission UNION ALL SELECT 'admin.outbox' UNION ALL SELECT 'admin.system'
      UNION ALL SELECT 'modules.create' UNION ALL SELECT 'modules.view_all' UNION ALL SELECT 'modules.edit_all'
      UNION ALL SELECT 'modules.delete_all') p ON 1 = 1
WHERE name = 'administrator';

INSERT INTO group_permission (group_id, permission)
SELECT id, p.permission FROM permission_group
JOIN (SELECT 'modules.create' AS permission UNION ALL SELECT 'modules.view_all' UNION ALL SELECT 'modules.edit_all'
      UNION ALL SELECT 'modules.delete_all') p ON 1 = 1
WHERE name = 'content_administrator';

INSERT INTO group_permission (group_id, permission)
SELECT id, 'modules.create' FROM permission_group WHERE name = 'teacher';
