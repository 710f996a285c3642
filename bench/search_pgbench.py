# The SELECT of a name-prefix and district search, as a pgbench script with random parameters.
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
districts = ["500101", "500103", "500105", "500106", "500107", "500108", "500112", "500113", "500116", "500117", "X-LJ", "X-GX"]
print(r"\set s random(0, %d)" % (len(surnames) - 1))
print(r"\set d random(0, %d)" % (len(districts) - 1))
cols = ("id, user_id, name, id_type, id_masked, gender, nationality, phone_masked, email, employer, district_code, "
        "education, title, field, categories, honors, arrival_date, tier, tier_valid_until, created_at, updated_at")
s = "(ARRAY[%s])[:s + 1]" % ",".join("'%s'" % c for c in surnames)
d = "(ARRAY[%s])[:d + 1]" % ",".join("'%s'" % x for x in districts)
print(f"SELECT {cols} FROM talents WHERE district_code = {d} AND name >= {s} AND name < {s} || chr(1114111) ORDER BY name, id LIMIT 21;")
