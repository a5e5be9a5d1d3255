/**
 * A small labelled corpus for the end-to-end retrieval test: documents on clearly distinct
 * topics (with a few deliberate near-neighbour pairs, such as two coffee brewing methods or
 * two Postgres maintenance tasks) and one query per document whose expected answer is that
 * document.
 *
 * The gateway's default embedder is lexical (hashed word unigrams/bigrams and character
 * 3-/4-grams, stop words down-weighted): it knows no synonyms, so every query shares at least
 * two content words or word stems with its document without copying a sentence of it.
 *
 * All text is original writing for this test suite; the country of Valdoria, its tax rules
 * and the company policies described here are fictional.
 */

export interface CorpusDocument {
  id: string;
  text: string;
  metadata: { topic: string; kind: 'howto' | 'fact' | 'policy' };
}

export interface CorpusQuery {
  query: string;
  expectedId: string;
}

export const CORPUS: CorpusDocument[] = [
  // cooking
  {
    id: 'doc-sourdough-starter',
    text: 'A sourdough starter is a culture of wild yeast and lactobacilli living in flour and water. Feed it daily by discarding half and adding equal weights of fresh flour and lukewarm water. A healthy starter doubles within six to eight hours and smells pleasantly sour; a grey liquid layer called hooch means it is hungry and needs feeding more often.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },
  {
    id: 'doc-pour-over-coffee',
    text: 'Pour-over coffee is brewed by slowly pouring hot water through medium-fine grounds held in a paper filter cone. Start with a bloom: wet the grounds with twice their weight of water and wait thirty seconds so trapped carbon dioxide escapes. Then pour in slow spirals, aiming for a total brew time near three minutes with water just off the boil.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },
  {
    id: 'doc-french-press-coffee',
    text: 'A French press makes coffee by immersion: coarse grounds steep directly in hot water for about four minutes before a metal mesh plunger pushes them to the bottom. Use a coarse grind, because fine particles slip through the mesh and leave sludge in the cup. Pour everything out right after plunging, or the coffee keeps extracting and turns bitter.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },
  {
    id: 'doc-cast-iron-seasoning',
    text: 'Seasoning a cast iron skillet means baking thin layers of oil onto the metal until they polymerise into a hard, nonstick coating. Wipe on a very thin film of flaxseed or vegetable oil, buff off the excess, and bake the pan upside down at a high oven temperature for an hour. Repeat several times and avoid soaking the skillet, which invites rust.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },
  {
    id: 'doc-risotto-technique',
    text: 'Risotto gets its creaminess from starch released by short-grain rice such as arborio or carnaroli. Toast the rice in butter first, deglaze with white wine, then add warm stock one ladle at a time while stirring. Finish off the heat with cold butter and parmesan, a step Italians call mantecatura, so the risotto flows gently across the plate.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },
  {
    id: 'doc-knife-sharpening-whetstone',
    text: 'To sharpen a kitchen knife on a whetstone, soak the stone, then hold the blade at a steady angle of about fifteen to twenty degrees. Push the edge across the coarse side until a small burr forms along the whole length, then switch to the fine grit to refine it. Finish by stropping the blade on leather or newspaper to remove the burr.',
    metadata: { topic: 'cooking', kind: 'howto' },
  },

  // devops
  {
    id: 'doc-k8s-liveness-probes',
    text: 'A Kubernetes liveness probe tells the kubelet whether a container is still healthy; when the probe fails repeatedly, the kubelet kills and restarts the container. Probes can run an HTTP GET, open a TCP socket or execute a command. Set initialDelaySeconds and failureThreshold generously, otherwise a slow-starting application gets killed in a restart loop before it ever becomes healthy.',
    metadata: { topic: 'devops', kind: 'fact' },
  },
  {
    id: 'doc-k8s-readiness-probes',
    text: 'A Kubernetes readiness probe decides whether a pod should receive traffic. While it fails, the pod is removed from the endpoints of its Service, so the load balancer stops routing requests to it, but the container is not restarted. Use readiness checks to hold back traffic during warm-up, cache loading or while a downstream dependency is unavailable.',
    metadata: { topic: 'devops', kind: 'fact' },
  },
  {
    id: 'doc-postgres-vacuum',
    text: 'In PostgreSQL, updates and deletes leave dead tuples behind, and VACUUM reclaims that space for reuse. The autovacuum daemon runs it automatically based on thresholds per table, but heavily updated tables may need tuned scale factors. VACUUM FULL rewrites the whole table and returns disk space to the operating system, at the cost of an exclusive lock.',
    metadata: { topic: 'devops', kind: 'fact' },
  },
  {
    id: 'doc-postgres-reindex',
    text: 'PostgreSQL B-tree indexes can become bloated after many page splits, which slows scans and wastes memory. The REINDEX command rebuilds an index from scratch; with the CONCURRENTLY option it builds a replacement without blocking writes. Check index bloat with the pgstattuple extension before deciding, since rebuilding a large index takes considerable time and input/output.',
    metadata: { topic: 'devops', kind: 'howto' },
  },
  {
    id: 'doc-terraform-state-locking',
    text: 'Terraform records the infrastructure it manages in a state file, and two people applying changes at once can corrupt it. Remote backends such as an S3 bucket paired with a DynamoDB table provide state locking, so a second apply waits instead of colliding. If a crashed run leaves a stale lock, release it with terraform force-unlock and the lock ID.',
    metadata: { topic: 'devops', kind: 'howto' },
  },
  {
    id: 'doc-docker-multistage-builds',
    text: 'A multi-stage Dockerfile uses one stage with compilers and build tools to produce artifacts, then copies only those artifacts into a slim final image. This keeps the shipped image small and leaves source code and toolchains out of production. Name stages with AS and reference them in COPY --from so the layers stay cacheable.',
    metadata: { topic: 'devops', kind: 'howto' },
  },
  {
    id: 'doc-git-rebase',
    text: 'Git rebase replays your branch commits on top of another branch, producing a linear history without merge commits. Interactive rebase lets you squash, reorder or reword commits before opening a pull request. Never rebase commits that others have already pulled, because rewriting shared history forces everyone to reconcile diverged branches.',
    metadata: { topic: 'devops', kind: 'howto' },
  },
  {
    id: 'doc-tls-certificate-renewal',
    text: "Let's Encrypt issues TLS certificates valid for ninety days, so renewal must be automated. An ACME client such as certbot checks expiry twice a day and renews certificates once fewer than thirty days remain. After renewal, reload the web server so it serves the new certificate, and monitor expiry dates in case the automation silently breaks.",
    metadata: { topic: 'devops', kind: 'howto' },
  },
  {
    id: 'doc-logrotate',
    text: 'The logrotate utility stops log files from filling the disk by rotating, compressing and eventually deleting old logs. A configuration block per file sets how often rotation happens, how many rotated copies to keep, and whether to compress them with gzip. Use copytruncate or a postrotate script so the application writes to the fresh log file.',
    metadata: { topic: 'devops', kind: 'howto' },
  },

  // finance
  {
    id: 'doc-valdoria-stock-option-tax',
    text: 'In Valdoria, employee stock options are not taxed when granted or when they vest. At exercise, the spread between the strike price and the market value counts as salary income and is taxed at the employee’s marginal rate. Any further gain on selling the shares is a capital gain, taxed at a flat twelve percent if the shares were held longer than two years.',
    metadata: { topic: 'finance', kind: 'fact' },
  },
  {
    id: 'doc-compound-interest',
    text: 'Compound interest means interest is earned on previously accumulated interest as well as on the original principal. The more often interest compounds, the faster the balance grows, though the gain from monthly versus daily compounding is small. The rule of 72 estimates doubling time: divide 72 by the annual percentage rate to get the approximate number of years.',
    metadata: { topic: 'finance', kind: 'fact' },
  },
  {
    id: 'doc-portfolio-rebalancing',
    text: 'Rebalancing a portfolio restores its target allocation after market moves have shifted the weights, for instance from sixty percent equities back down from seventy. Investors rebalance on a calendar schedule or when an asset class drifts beyond a tolerance band of five percentage points. Directing new contributions toward underweight funds rebalances without selling and triggering taxes.',
    metadata: { topic: 'finance', kind: 'howto' },
  },
  {
    id: 'doc-mortgage-amortization',
    text: 'A fixed-rate mortgage is amortized so that every monthly payment is the same, yet its composition changes over time. Early payments are mostly interest, while later payments mostly repay the principal. Making extra principal payments in the first years of the loan shortens the term and saves a surprisingly large amount of total interest.',
    metadata: { topic: 'finance', kind: 'fact' },
  },
  {
    id: 'doc-emergency-fund',
    text: 'An emergency fund is cash kept aside for unexpected costs such as job loss, car repairs or medical bills. Financial planners commonly suggest saving three to six months of essential living expenses. Keep it in an easily accessible savings account rather than invested in shares, because the market might be down exactly when you need the money.',
    metadata: { topic: 'finance', kind: 'howto' },
  },

  // hr
  {
    id: 'doc-travel-expense-policy',
    text: 'Business travel must be booked through the company travel portal at least fourteen days ahead, in economy class for flights under six hours. Hotel costs are reimbursed up to the city rate ceiling published by finance. Submit expense claims with itemised receipts within thirty days of returning; late claims need approval from your department head.',
    metadata: { topic: 'hr', kind: 'policy' },
  },
  {
    id: 'doc-parental-leave-policy',
    text: 'Every employee who becomes a parent through birth, adoption or surrogacy is entitled to twenty weeks of fully paid parental leave. The leave can be taken in up to three blocks within the first eighteen months after the child arrives. Notify your manager and the people team at least eight weeks before the first block begins.',
    metadata: { topic: 'hr', kind: 'policy' },
  },
  {
    id: 'doc-remote-work-equipment',
    text: 'Employees working remotely may claim a one-off home office allowance of 600 euros for a desk, an ergonomic chair or a monitor. Keep the receipts, since purchases are reimbursed through the normal expense tool. Laptops, headsets and other IT hardware are issued directly by the IT department and must be returned when you leave the company.',
    metadata: { topic: 'hr', kind: 'policy' },
  },
  {
    id: 'doc-performance-review-cycle',
    text: 'Performance reviews run twice a year, in March and September. Each review combines a self-assessment, feedback from two peers chosen together with your manager, and a calibration meeting where managers compare ratings across teams. Salary adjustments are decided only in the September cycle and take effect from the first of October.',
    metadata: { topic: 'hr', kind: 'policy' },
  },
  {
    id: 'doc-conference-attendance',
    text: 'Each engineer has an annual learning budget of 2,000 euros for conferences, workshops and courses, covering tickets, travel and accommodation. Request conference attendance through your manager at least a month in advance. Speakers whose talk has been accepted at a recognised conference receive an extra budget, and attendees are asked to share a short write-up afterwards.',
    metadata: { topic: 'hr', kind: 'policy' },
  },
  {
    id: 'doc-onboarding-laptop-setup',
    text: 'On your first day, sign in to the new laptop with the temporary password sent to your personal email, then set a permanent one and enrol a hardware security key. The device management agent installs disk encryption, the VPN client and approved software automatically. Expect the initial setup to take about an hour; ask the help desk channel if enrolment stalls.',
    metadata: { topic: 'hr', kind: 'howto' },
  },

  // security
  {
    id: 'doc-phishing-reporting',
    text: 'If you receive a suspicious email asking you to click a link, open an attachment or confirm your credentials, do not interact with it. Use the Report Phishing button in the mail client, which forwards the message to the security team and removes it from your inbox. If you already entered a password, change it immediately and tell security.',
    metadata: { topic: 'security', kind: 'policy' },
  },
  {
    id: 'doc-password-manager',
    text: 'Staff must store work credentials in the company password manager instead of browsers, spreadsheets or sticky notes. Generate a unique random password of at least twenty characters for every service and share credentials only through shared vaults, never by chat. The master password should be a long passphrase and must be protected by multi-factor authentication.',
    metadata: { topic: 'security', kind: 'policy' },
  },

  // science
  {
    id: 'doc-geostationary-orbit',
    text: 'A geostationary satellite circles above the equator at an altitude of about 35,786 kilometres, where its orbital period matches one sidereal day. Because it moves in step with the rotating Earth, it appears fixed in the sky, so ground antennas need no tracking. Station-keeping thrusters periodically correct drift caused by lunar and solar gravity.',
    metadata: { topic: 'science', kind: 'fact' },
  },
  {
    id: 'doc-ocean-tides',
    text: 'Ocean tides arise because the Moon’s gravity pulls more strongly on the near side of Earth than on the far side, stretching the oceans into two bulges. As Earth rotates beneath them, most coasts see two high tides and two low tides each day. When the Sun and Moon align, their combined pull produces larger spring tides.',
    metadata: { topic: 'science', kind: 'fact' },
  },
  {
    id: 'doc-calvin-cycle',
    text: 'The Calvin cycle is the light-independent stage of photosynthesis, taking place in the stroma of chloroplasts. The enzyme RuBisCO fixes carbon dioxide onto a five-carbon sugar, and ATP and NADPH from the light reactions convert the products into glyceraldehyde 3-phosphate. Plants use that three-carbon sugar to build glucose, sucrose and starch.',
    metadata: { topic: 'science', kind: 'fact' },
  },
  {
    id: 'doc-plate-tectonics',
    text: "Earth's lithosphere is broken into tectonic plates that drift a few centimetres per year over the softer asthenosphere. Where plates converge, one may subduct beneath another, creating deep trenches, volcanic arcs and powerful earthquakes. At divergent boundaries such as mid-ocean ridges, rising magma forms new crust as the plates separate.",
    metadata: { topic: 'science', kind: 'fact' },
  },
  {
    id: 'doc-radiocarbon-dating',
    text: 'Radiocarbon dating estimates the age of organic material from its remaining carbon-14. Living organisms absorb carbon-14 from the atmosphere, but after death the isotope decays with a half-life of about 5,730 years. Measuring the remaining fraction dates samples up to roughly fifty thousand years old, after calibration against tree-ring records.',
    metadata: { topic: 'science', kind: 'fact' },
  },
  {
    id: 'doc-aurora-borealis',
    text: 'Auroras occur when charged particles from the solar wind are funnelled by Earth’s magnetic field toward the polar regions and collide with atmospheric gases. Oxygen atoms emit the common green glow at around one hundred kilometres altitude, while nitrogen adds blue and purple tints. Strong geomagnetic storms push the aurora borealis far south of the Arctic circle.',
    metadata: { topic: 'science', kind: 'fact' },
  },

  // garden
  {
    id: 'doc-orchid-care',
    text: 'Moth orchids (Phalaenopsis) grow on trees in the wild, so their roots need air as well as moisture. Pot them in chunky bark rather than soil, water thoroughly about once a week when the roots turn silvery, and never let them stand in water. Bright indirect light and a slight night-time temperature drop encourage a new flower spike.',
    metadata: { topic: 'garden', kind: 'howto' },
  },
  {
    id: 'doc-tomato-pruning',
    text: 'Indeterminate tomato plants keep growing all season, so pinch out the suckers that sprout in the angle between a leaf and the main stem. Removing suckers channels energy into fewer, larger fruits and improves airflow, which reduces blight. Tie the main stem to a stake or string as it grows and remove the lowest leaves touching the soil.',
    metadata: { topic: 'garden', kind: 'howto' },
  },
  {
    id: 'doc-composting-ratio',
    text: 'A compost heap decomposes fastest with roughly thirty parts carbon to one part nitrogen by weight. Mix brown materials such as dry leaves, straw and cardboard with green materials like grass clippings and vegetable scraps. Keep the pile as damp as a wrung-out sponge and turn it every week or two to supply oxygen to the microbes.',
    metadata: { topic: 'garden', kind: 'howto' },
  },
  {
    id: 'doc-lawn-aeration',
    text: 'Core aeration pulls small plugs of soil out of a lawn, relieving compaction so water, air and fertiliser reach the grass roots. Aerate cool-season grass in early autumn and warm-season grass in late spring, when it is actively growing. Water the lawn the day before so the tines penetrate deeply, and leave the plugs on the surface to break down.',
    metadata: { topic: 'garden', kind: 'howto' },
  },
  {
    id: 'doc-rose-black-spot',
    text: 'Black spot is a fungal disease of roses that causes dark circular blotches on leaves, which then yellow and drop. The spores spread by splashing water, so water roses at the base in the morning and prune for open airflow. Collect and bin fallen infected leaves rather than composting them, and choose resistant rose varieties when planting.',
    metadata: { topic: 'garden', kind: 'howto' },
  },

  // animals
  {
    id: 'doc-beekeeping-winter',
    text: 'Honeybee colonies survive winter by forming a tight cluster around the queen and shivering their flight muscles to generate heat. A hive needs about twenty kilograms of stored honey to last until spring, so beekeepers feed thick sugar syrup or fondant in autumn if stores are light. Fit a mouse guard at the entrance and keep the hive ventilated to avoid condensation.',
    metadata: { topic: 'animals', kind: 'howto' },
  },
  {
    id: 'doc-puppy-crate-training',
    text: 'Crate training gives a puppy a safe den and speeds up house training, because dogs avoid soiling where they sleep. Introduce the crate gradually with treats and meals inside it, leaving the door open at first. Never use the crate as punishment, and keep daytime sessions short: a young puppy cannot hold its bladder for more than a few hours.',
    metadata: { topic: 'animals', kind: 'howto' },
  },
  {
    id: 'doc-aquarium-nitrogen-cycle',
    text: 'Before adding fish, a new aquarium must complete the nitrogen cycle, in which bacteria colonising the filter convert toxic ammonia into nitrite and then into far less harmful nitrate. Cycling a tank takes four to six weeks; dose ammonia and test the water until both ammonia and nitrite read zero. Weekly partial water changes then keep nitrate low.',
    metadata: { topic: 'animals', kind: 'howto' },
  },
  {
    id: 'doc-chicken-molting',
    text: 'Backyard chickens molt each autumn, shedding and regrowing their feathers over several weeks, and most hens stop laying eggs during the molt. Regrowing feathers demands a lot of protein, so switch the flock to a higher-protein feed of around twenty percent. Handle molting birds gently, because the new pin feathers are sensitive.',
    metadata: { topic: 'animals', kind: 'fact' },
  },

  // games
  {
    id: 'doc-sicilian-defence',
    text: 'The Sicilian Defence begins 1.e4 c5, with Black answering the king pawn by contesting the d4 square from the side. It creates an asymmetrical position where Black often gets counterplay on the queenside while White attacks the king. Popular variations include the Najdorf, the Dragon and the Sveshnikov, each demanding a great deal of memorised theory.',
    metadata: { topic: 'games', kind: 'fact' },
  },
  {
    id: 'doc-queens-gambit',
    text: "The Queen's Gambit starts 1.d4 d5 2.c4, with White offering the c-pawn to lure Black's d-pawn away from the centre. Accepting the gambit gives up central control for a while, so many players prefer the Queen's Gambit Declined with 2...e6, a solid setup. White rarely loses the pawn for good, which is why it is not a true gambit.",
    metadata: { topic: 'games', kind: 'fact' },
  },
  {
    id: 'doc-bridge-bidding',
    text: 'In contract bridge, the bidding auction lets partners describe their hands before play begins. Counting high-card points, where an ace is worth four, a king three, a queen two and a jack one, gives a quick measure of strength. An opening bid usually needs twelve or more points, and a partnership holding about twenty-five points can aim for game.',
    metadata: { topic: 'games', kind: 'fact' },
  },

  // cycling
  {
    id: 'doc-bicycle-chain-replacement',
    text: 'A bicycle chain stretches as its pins and rollers wear, and a worn chain quickly wears out the cassette and chainrings too. Measure it with a chain checker and replace it at 0.5 percent elongation on eleven- and twelve-speed drivetrains. Size the new chain to the old one, split it with a chain tool, and join it with a quick link.',
    metadata: { topic: 'cycling', kind: 'howto' },
  },
  {
    id: 'doc-tubeless-tyres',
    text: 'Tubeless bicycle tyres seal against a special rim without an inner tube, with liquid sealant inside to plug small punctures. Tape the rim bed, fit a tubeless valve, mount the tyre and seat the beads using a burst of air from a booster pump. Add fresh sealant every few months, because it gradually dries out inside the tyre.',
    metadata: { topic: 'cycling', kind: 'howto' },
  },
  {
    id: 'doc-saddle-height',
    text: 'A correctly set saddle height prevents knee pain and wasted power when cycling. With the pedal at the bottom of its stroke, your knee should keep a slight bend of about twenty-five to thirty degrees. A saddle that is too high makes the hips rock side to side, while one set too low strains the front of the knee.',
    metadata: { topic: 'cycling', kind: 'howto' },
  },

  // sport
  {
    id: 'doc-marathon-taper',
    text: 'Marathon runners taper by cutting weekly mileage over the final two or three weeks before race day, letting muscles repair and glycogen stores fill. Keep some short efforts at goal pace so the legs stay sharp, but reduce volume by roughly forty to sixty percent. Restlessness and phantom aches during the taper are normal and not signs of lost fitness.',
    metadata: { topic: 'sport', kind: 'howto' },
  },
  {
    id: 'doc-swimming-flip-turn',
    text: 'A flip turn lets freestyle swimmers change direction at the wall without stopping. About one stroke from the wall, tuck the chin, somersault forward, and plant both feet on the wall with the body facing upward. Push off in a tight streamline, rotating onto the front while gliding, then kick before taking the first stroke.',
    metadata: { topic: 'sport', kind: 'howto' },
  },
  {
    id: 'doc-tennis-serve-toss',
    text: 'A consistent ball toss is the foundation of a reliable tennis serve. Release the ball with a straight arm at eye level, letting it rise slightly higher than your racket can reach and land just in front of your leading foot. If the toss drifts, let it drop and start again rather than chasing it with a compromised swing.',
    metadata: { topic: 'sport', kind: 'howto' },
  },
  {
    id: 'doc-bouldering-grades',
    text: 'Bouldering problems are short climbing routes without ropes, protected by crash pads, and graded for difficulty. The V-scale used in North America runs from V0 upward, while the Fontainebleau scale common in Europe uses numbers and letters such as 6A or 7C+. Grades are subjective, so the same problem can feel harder for climbers of different heights.',
    metadata: { topic: 'sport', kind: 'fact' },
  },

  // health
  {
    id: 'doc-sleep-hygiene',
    text: 'Good sleep hygiene means keeping a consistent bedtime and wake time, even on weekends, so the circadian rhythm stays stable. Keep the bedroom dark, quiet and cool, around eighteen degrees, and avoid caffeine after early afternoon. Bright screens late in the evening delay melatonin release, so dim lights and put the phone away an hour before bed.',
    metadata: { topic: 'health', kind: 'howto' },
  },
  {
    id: 'doc-first-aid-burns',
    text: 'For a minor burn, cool the skin under cool running water for at least twenty minutes as soon as possible. Remove rings or tight clothing near the burn before swelling starts, but never pull off fabric stuck to the wound. Cover it loosely with cling film, and do not apply ice, butter or creams; seek medical help for large or deep burns.',
    metadata: { topic: 'health', kind: 'howto' },
  },
  {
    id: 'doc-electrolytes-hydration',
    text: 'During long exercise in heat, sweat removes sodium as well as water, and drinking only plain water can dilute blood sodium dangerously. Endurance athletes replace electrolytes with sports drinks, salt tablets or salty snacks, aiming for roughly 300 to 600 milligrams of sodium per hour. Pale straw-coloured urine is a simple sign of adequate hydration.',
    metadata: { topic: 'health', kind: 'fact' },
  },

  // home
  {
    id: 'doc-grout-cleaning',
    text: 'Dirty tile grout can be cleaned with a paste of baking soda and water, scrubbed into the joints with a stiff toothbrush. For mould in shower grout, use diluted oxygen bleach, leave it for ten minutes and rinse thoroughly. Once the grout is fully dry, apply a penetrating sealer so future stains stay on the surface.',
    metadata: { topic: 'home', kind: 'howto' },
  },
  {
    id: 'doc-water-heater-flush',
    text: 'Sediment collects at the bottom of a tank water heater, reducing efficiency and causing rumbling noises. Once a year, turn off the power or gas, close the cold supply valve, attach a hose to the drain valve and flush the tank until the water runs clear. Refill it completely before restoring power so the heating element does not burn out.',
    metadata: { topic: 'home', kind: 'howto' },
  },
  {
    id: 'doc-drywall-anchors',
    text: 'Screws driven into bare drywall pull out easily, so use wall anchors when no stud sits behind the spot. Plastic expansion anchors handle light pictures, while toggle bolts or metal molly anchors spread the load for shelves and heavy mirrors. Find studs with a stud finder first, because screwing straight into timber is always the strongest option.',
    metadata: { topic: 'home', kind: 'howto' },
  },

  // music
  {
    id: 'doc-guitar-string-change',
    text: 'Change acoustic guitar strings one at a time to keep tension on the neck even. Thread the new string through the bridge, secure it with the bridge pin, and wind two or three turns around the tuning peg. Stretch each fresh string gently by pulling it away from the fretboard, then retune, repeating until the pitch holds steady.',
    metadata: { topic: 'music', kind: 'howto' },
  },
  {
    id: 'doc-piano-humidity',
    text: 'A piano soundboard is made of spruce, which swells in humid air and shrinks in dry air, pulling the instrument out of tune as seasons change. Keep relative humidity between forty and fifty percent with a humidifier or dehumidifier, and place the piano away from radiators and windows. Most pianos need professional tuning at least once or twice a year.',
    metadata: { topic: 'music', kind: 'fact' },
  },

  // travel
  {
    id: 'doc-jet-lag',
    text: 'Jet lag happens when your body clock is out of step with the local time after crossing several time zones, and flying east is usually harder. Shift your sleep schedule by an hour a day before departure, seek morning daylight at the destination after an eastbound flight, and avoid long naps on arrival. A small dose of melatonin at local bedtime may help.',
    metadata: { topic: 'travel', kind: 'howto' },
  },
  {
    id: 'doc-carry-on-liquids',
    text: 'Most airports limit liquids in carry-on luggage to containers of 100 millilitres or less, packed together in a single transparent resealable bag of about one litre. The bag must be taken out at the security checkpoint unless newer scanners are installed. Medicines and baby food are exempt but may need to be declared for inspection.',
    metadata: { topic: 'travel', kind: 'fact' },
  },

  // hobby
  {
    id: 'doc-exposure-triangle',
    text: 'In photography, exposure depends on three settings that trade off against each other: aperture, shutter speed and ISO. A wider aperture admits more light but narrows the depth of field, while a slower shutter speed brightens the image but blurs motion. Raising ISO brightens a dark scene at the price of visible noise.',
    metadata: { topic: 'hobby', kind: 'fact' },
  },
  {
    id: 'doc-fountain-pen-cleaning',
    text: 'Flush a fountain pen whenever you switch ink colours or if it has sat unused for weeks, since dried ink clogs the feed. Disassemble the nib section and rinse it in lukewarm water, using a bulb syringe to push water through the feed until it runs clear. Let it dry overnight on a paper towel before refilling.',
    metadata: { topic: 'hobby', kind: 'howto' },
  },
];

export const CORPUS_QUERIES: CorpusQuery[] = [
  // cooking
  {
    query: 'How often should I feed my sourdough starter, and what is hooch?',
    expectedId: 'doc-sourdough-starter',
  },
  {
    query: 'Why do you let the grounds bloom before pouring water over them?',
    expectedId: 'doc-pour-over-coffee',
  },
  {
    query: 'What grind size works in a French press, and why does coffee become bitter?',
    expectedId: 'doc-french-press-coffee',
  },
  {
    query: 'How do I season a cast iron skillet so it does not rust?',
    expectedId: 'doc-cast-iron-seasoning',
  },
  {
    query: 'Which rice makes a creamy risotto, and how is the stock added?',
    expectedId: 'doc-risotto-technique',
  },
  {
    query: 'What angle should I hold a knife at when using a whetstone?',
    expectedId: 'doc-knife-sharpening-whetstone',
  },

  // devops
  {
    query: 'Why does my container keep getting killed when its liveness probe fails?',
    expectedId: 'doc-k8s-liveness-probes',
  },
  {
    query: 'How does a failing readiness probe stop a pod from receiving traffic?',
    expectedId: 'doc-k8s-readiness-probes',
  },
  {
    query: 'How does Postgres reclaim the space held by dead tuples, and what does autovacuum do?',
    expectedId: 'doc-postgres-vacuum',
  },
  {
    query: 'How can I rebuild a bloated Postgres index without blocking writes?',
    expectedId: 'doc-postgres-reindex',
  },
  {
    query: 'How do I release a stale Terraform state lock after a crash?',
    expectedId: 'doc-terraform-state-locking',
  },
  {
    query: 'How do multi-stage Docker builds keep the final image small?',
    expectedId: 'doc-docker-multistage-builds',
  },
  {
    query: 'Should I rebase commits that colleagues have already pulled from my branch?',
    expectedId: 'doc-git-rebase',
  },
  {
    query: "How is renewal of Let's Encrypt certificates automated with certbot?",
    expectedId: 'doc-tls-certificate-renewal',
  },
  { query: 'How do I configure logrotate to compress old log files?', expectedId: 'doc-logrotate' },

  // finance
  {
    query: 'When are stock options taxed in Valdoria, at grant or at exercise?',
    expectedId: 'doc-valdoria-stock-option-tax',
  },
  {
    query: 'How does the rule of 72 estimate how long compounding takes to double money?',
    expectedId: 'doc-compound-interest',
  },
  {
    query: 'How often should I rebalance my portfolio back to its target allocation?',
    expectedId: 'doc-portfolio-rebalancing',
  },
  {
    query: 'Why is most of an early mortgage payment interest rather than principal?',
    expectedId: 'doc-mortgage-amortization',
  },
  {
    query: 'How many months of expenses should an emergency fund hold?',
    expectedId: 'doc-emergency-fund',
  },

  // hr
  {
    query: 'How many days after a business trip can I submit expense claims with receipts?',
    expectedId: 'doc-travel-expense-policy',
  },
  {
    query: 'How many weeks of paid parental leave do new parents get?',
    expectedId: 'doc-parental-leave-policy',
  },
  {
    query: 'Can remote employees claim an allowance for an ergonomic chair or desk?',
    expectedId: 'doc-remote-work-equipment',
  },
  {
    query: 'When do performance reviews happen, and when are salary adjustments decided?',
    expectedId: 'doc-performance-review-cycle',
  },
  {
    query: 'What learning budget do engineers have for attending a conference?',
    expectedId: 'doc-conference-attendance',
  },
  {
    query: 'What happens during laptop setup and enrolment on my first day?',
    expectedId: 'doc-onboarding-laptop-setup',
  },

  // security
  {
    query: 'What should I do with a suspicious phishing email in my inbox?',
    expectedId: 'doc-phishing-reporting',
  },
  {
    query: 'Where must staff store work credentials, and how long should passwords be?',
    expectedId: 'doc-password-manager',
  },

  // science
  {
    query: 'At what altitude does a geostationary satellite orbit above the equator?',
    expectedId: 'doc-geostationary-orbit',
  },
  {
    query: 'Why do most coasts get two high tides a day, and what causes spring tides?',
    expectedId: 'doc-ocean-tides',
  },
  {
    query: 'What does RuBisCO do in the Calvin cycle of photosynthesis?',
    expectedId: 'doc-calvin-cycle',
  },
  {
    query: 'What happens where tectonic plates converge or subduct?',
    expectedId: 'doc-plate-tectonics',
  },
  {
    query: 'How does radiocarbon dating use the half-life of carbon-14?',
    expectedId: 'doc-radiocarbon-dating',
  },
  {
    query: 'Why is the aurora borealis green, and what do solar wind particles do?',
    expectedId: 'doc-aurora-borealis',
  },

  // garden
  {
    query: 'Should I pot a Phalaenopsis orchid in bark, and how often to water it?',
    expectedId: 'doc-orchid-care',
  },
  {
    query: 'Should I pinch out suckers on indeterminate tomato plants?',
    expectedId: 'doc-tomato-pruning',
  },
  {
    query: 'What carbon to nitrogen ratio makes a compost heap decompose quickly?',
    expectedId: 'doc-composting-ratio',
  },
  {
    query: 'When should I aerate a compacted lawn of cool-season grass?',
    expectedId: 'doc-lawn-aeration',
  },
  {
    query: 'How do I stop black spot fungus from spreading on my roses?',
    expectedId: 'doc-rose-black-spot',
  },

  // animals
  {
    query: 'How much stored honey does a hive need to survive winter?',
    expectedId: 'doc-beekeeping-winter',
  },
  {
    query: 'How do I introduce a new puppy to crate training?',
    expectedId: 'doc-puppy-crate-training',
  },
  {
    query: 'How long does cycling a new aquarium tank take before adding fish?',
    expectedId: 'doc-aquarium-nitrogen-cycle',
  },
  {
    query: 'Why did my hens stop laying eggs while they molt their feathers?',
    expectedId: 'doc-chicken-molting',
  },

  // games
  {
    query: 'What are the main variations of the Sicilian Defence, like the Najdorf?',
    expectedId: 'doc-sicilian-defence',
  },
  { query: "Why is the Queen's Gambit not really a true gambit?", expectedId: 'doc-queens-gambit' },
  {
    query: 'How many high-card points are needed for an opening bid in bridge?',
    expectedId: 'doc-bridge-bidding',
  },

  // cycling
  {
    query: 'When does a worn bicycle chain need replacing, and how do I measure elongation?',
    expectedId: 'doc-bicycle-chain-replacement',
  },
  {
    query: 'How do I seat tubeless tyre beads and how often to add sealant?',
    expectedId: 'doc-tubeless-tyres',
  },
  {
    query: 'How high should my saddle be to avoid knee pain while cycling?',
    expectedId: 'doc-saddle-height',
  },

  // sport
  {
    query: 'How much should I reduce mileage during a marathon taper?',
    expectedId: 'doc-marathon-taper',
  },
  {
    query: 'How do freestyle swimmers do a flip turn at the wall?',
    expectedId: 'doc-swimming-flip-turn',
  },
  {
    query: 'How can I make my ball toss more consistent on a tennis serve?',
    expectedId: 'doc-tennis-serve-toss',
  },
  {
    query: 'How does the V-scale compare with Fontainebleau grades in bouldering?',
    expectedId: 'doc-bouldering-grades',
  },

  // health
  {
    query: 'What sleep hygiene habits help keep my circadian rhythm stable?',
    expectedId: 'doc-sleep-hygiene',
  },
  {
    query: 'How long should I cool a minor burn under running water?',
    expectedId: 'doc-first-aid-burns',
  },
  {
    query: 'How much sodium should endurance athletes replace per hour when sweating?',
    expectedId: 'doc-electrolytes-hydration',
  },

  // home
  {
    query: 'How can I clean mould out of shower grout and seal it afterwards?',
    expectedId: 'doc-grout-cleaning',
  },
  {
    query: 'How do I flush sediment out of my tank water heater?',
    expectedId: 'doc-water-heater-flush',
  },
  {
    query: 'Which drywall anchors hold heavy shelves when there is no stud?',
    expectedId: 'doc-drywall-anchors',
  },

  // music
  {
    query: 'What is the right way to change acoustic guitar strings at the bridge?',
    expectedId: 'doc-guitar-string-change',
  },
  { query: 'Why does humidity make my piano go out of tune?', expectedId: 'doc-piano-humidity' },

  // travel
  { query: 'Is jet lag worse flying east, and does melatonin help?', expectedId: 'doc-jet-lag' },
  {
    query: 'How many millilitres of liquids may I bring in carry-on luggage?',
    expectedId: 'doc-carry-on-liquids',
  },

  // hobby
  {
    query: 'How do aperture, shutter speed and ISO affect exposure in photography?',
    expectedId: 'doc-exposure-triangle',
  },
  {
    query: 'How do I flush dried ink out of a clogged fountain pen?',
    expectedId: 'doc-fountain-pen-cleaning',
  },
];
