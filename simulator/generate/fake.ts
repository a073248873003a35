// One seeded faker (zh_CN) shared by the derivations. Each derivation reseeds it from its own stream
// before use, and derivations are synchronous, so what it answers depends only on that stream.
import { Faker, base, en, zh_CN } from '@faker-js/faker';

export const faker = new Faker({ locale: [zh_CN, en, base] });
