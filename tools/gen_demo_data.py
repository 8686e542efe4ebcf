#!/usr/bin/env python3
"""Deterministic generator for the yunhu-tui demo dataset.

Writes, relative to the repository root:
    assets/demo/accounts.json   two demo accounts (VIP first, then a non-VIP one)
    assets/demo/discover.json   discover categories and their group lists
    assets/demo/bots.json       recommended bots, in the wire shape of /v1/user/recommend
    assets/demo/service.json    data of the misc endpoints

Standard library only, fixed seed: running it twice gives byte-identical files.
Usage:  python3 tools/gen_demo_data.py [--out DIR]
The assertions at the end validate the invariants the demo server and the tests rely on.

Demo credentials (documented, not secret):
    VIP account   demo@yhchat.example     / yunhu-demo   token demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001
    basic account learner@yhchat.example / yunhu-demo2  token demo-basic-5e2b8d41-93a6-4f7c-b0d2-8c61e9f3a002
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

SEED = 20251120
rng = random.Random(SEED)

CST = dt.timezone(dt.timedelta(hours=8))  # the service's time zone (UTC+8)


def ts(y, mo, d, h=0, mi=0, s=0):
    """Unix seconds of a wall-clock time in UTC+8."""
    return int(dt.datetime(y, mo, d, h, mi, s, tzinfo=CST).timestamp())


def hexid(n=32):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def amt(cents):
    """Integer cents -> JSON number with at most 2 decimals (57 rather than 57.0)."""
    if cents % 100 == 0:
        return cents // 100
    return round(cents / 100, 2)


def cents_of(x):
    return int(round(x * 100))


# --------------------------------------------------------------------------------------------
# Coin records
# --------------------------------------------------------------------------------------------

# reason -> typ (one fixed typ per reason; 抽奖金币 = 8 as in the seed document)
COIN_TYP = {
    "每日签到": 1,
    "连续签到奖励": 2,
    "邀请好友奖励": 3,
    "活动奖励": 4,
    "群聊活跃奖励": 5,
    "兑换会员": 6,
    "购买表情包": 7,
    "抽奖金币": 8,
    "抽奖消耗": 9,
    "置顶群聊": 10,
}
INCOME_REASONS = {"每日签到", "连续签到奖励", "邀请好友奖励", "活动奖励", "群聊活跃奖励", "抽奖金币"}
SPEND_REASONS = {"兑换会员", "购买表情包", "抽奖消耗", "置顶群聊"}

STICKER_PACKS = ["猫猫日常", "熊猫头合集", "打工人语录", "小狗表情包", "像素风", "方言表情", ""]
ACTIVITY_REMARKS = ["端午节活动", "618 活动", "七夕活动", "中秋节活动", "国庆活动", "双十一活动", "问卷调研奖励", "Bug 反馈奖励"]


def rand_time_on(day_start, lo_h=7, hi_h=24):
    """A random second within [lo_h, hi_h) hours of a UTC+8 day; evening-heavy."""
    h = rng.choice(list(range(lo_h, hi_h)) + [12, 13, 20, 21, 22, 22, 23])
    h = min(max(h, lo_h), hi_h - 1)
    return day_start + h * 3600 + rng.randrange(3600)


def gen_coin_events(start_day, end_day, count, vip_buys, invite_base, intensity):
    """Return a list of (time, reason, delta_cents, remark) of exactly `count` events."""
    events = []
    day = start_day
    streak = 0
    while day <= end_day:
        # daily sign-in (not every day)
        if rng.random() < 0.62 * intensity + 0.1:
            streak += 1
            t = rand_time_on(day, 6, 12) if rng.random() < 0.6 else rand_time_on(day)
            events.append((t, "每日签到", rng.choice([50, 80, 100, 100, 120, 150, 200, 66, 88]), ""))
            if streak in (7, 15, 30):
                events.append((t + rng.randint(1, 3), "连续签到奖励", {7: 500, 15: 1000, 30: 3000}[streak],
                               "连续签到 %d 天" % streak))
        else:
            streak = 0
        if rng.random() < 0.10 * intensity:
            t = rand_time_on(day)
            cost = rng.choice([200, 500, 500, 1000])
            events.append((t, "抽奖消耗", -cost, ""))
            if rng.random() < 0.8:
                win = rng.choice([0, 101, 188, 200, 520, 666, 888, 1000, 1314, 2000, 5000])
                if win:
                    events.append((t + rng.randint(3, 40), "抽奖金币", win, ""))
        if rng.random() < 0.04 * intensity:
            events.append((rand_time_on(day), "抽奖金币", rng.choice([200, 501, 1000]), "免费抽奖"))
        if rng.random() < 0.07 * intensity:
            events.append((rand_time_on(day), "群聊活跃奖励", rng.choice([100, 150, 200, 300, 500]), ""))
        if rng.random() < 0.025 * intensity:
            events.append((rand_time_on(day), "邀请好友奖励", rng.choice([1000, 1000, 1500]),
                           "邀请用户 %d" % (invite_base + rng.randrange(90000))))
        if rng.random() < 0.02 * intensity:
            events.append((rand_time_on(day), "活动奖励", rng.choice([500, 888, 1000, 2000, 3000]),
                           rng.choice(ACTIVITY_REMARKS)))
        if rng.random() < 0.025 * intensity:
            pack = rng.choice(STICKER_PACKS)
            events.append((rand_time_on(day), "购买表情包", -rng.choice([300, 500, 600, 990]),
                           ("「%s」" % pack) if pack else ""))
        if rng.random() < 0.015 * intensity:
            events.append((rand_time_on(day), "置顶群聊", -rng.choice([500, 1000]),
                           rng.choice(["", "", "置顶 7 天"])))
        day += 86400
    for t, cost, remark in vip_buys:
        events.append((t, "兑换会员", -cost, remark))
    protected = {(t, "兑换会员") for t, _, _ in vip_buys}
    # trim or pad to the exact count
    while len(events) > count:
        i = rng.randrange(len(events))
        if (events[i][0], events[i][1]) not in protected:
            events.pop(i)
    while len(events) < count:
        d = start_day + 86400 * rng.randrange((end_day - start_day) // 86400 + 1)
        events.append((rand_time_on(d), "每日签到", rng.choice([50, 100, 120, 150]), ""))
    # strictly increasing, distinct times
    events.sort(key=lambda e: e[0])
    out, last = [], None
    for t, r, c, rm in events:
        if last is not None and t <= last:
            t = last + rng.randint(1, 30)
        out.append((t, r, c, rm))
        last = t
    return out


def build_records(events, final_cents, first_id, neg_change_share=1 / 3):
    """Chain balances (integer cents) so the newest afterAmount is final_cents; newest first.

    final_cents=None: start just high enough (plus a small remainder) that the balance never
    goes negative."""
    total = sum(c for _, _, c, _ in events)
    run, low = 0, 0
    for _, _, c, _ in events:
        run += c
        low = min(low, run)
    start = final_cents - total if final_cents is not None else -low + 37
    assert start >= -low, "starting balance would let the balance go negative; tune the events"
    recs = []
    bal = start
    rid = first_id
    for t, reason, c, remark in events:
        before, after = bal, bal + c
        assert after >= 0
        if c >= 0:
            change = c
        else:
            change = c if rng.random() < neg_change_share else -c
        recs.append({
            "id": rid,
            "typ": COIN_TYP[reason],
            "beforeAmount": amt(before),
            "afterAmount": amt(after),
            "changeAmount": amt(change),
            "reason": reason,
            "remark": remark,
            "createTime": t,
        })
        bal = after
        rid += rng.randint(37, 1900)  # other users' records interleave: gaps
    recs.reverse()  # newest first
    return recs


# --------------------------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------------------------

MEDALS_VIP = [
    "早期用户", "活跃之星", "连续签到30天", "群聊达人", "机器人开发者", "年度会员", "内测先锋",
    "社区贡献者", "夜猫子", "百万字作者", "表情包收藏家", "热心答主", "邀请达人", "千日相伴",
]
MEDALS_BASIC = ["新人报到", "连续签到7天", "学习打卡达人"]


def medals(names, id_base):
    """Medals with distinct ids and distinct sorts (10, 20, ... with jitter), shuffled in the file."""
    ms = []
    mid = id_base
    for i, n in enumerate(names):
        ms.append({"id": mid, "name": n, "sort": (i + 1) * 10 + rng.randint(0, 4)})
        mid += rng.randint(1, 4)
    rng.shuffle(ms)
    return ms


def build_accounts():
    # ---- VIP account ----
    vip_buys = [
        (ts(2025, 5, 20, 21, 14, 9), 3000, "月度会员"),
        (ts(2025, 7, 3, 22, 40, 51), 8000, "季度会员"),
        (ts(2025, 11, 11, 0, 3, 27), 28800, "年度会员（双十一活动）"),
    ]
    ev = gen_coin_events(ts(2025, 5, 1), ts(2025, 11, 20), 260, vip_buys, 7050000, 1.0)
    vip_records = build_records(ev, 35701, 151263)

    vip = {
        "id": "7058262",
        "name": "云湖测试用户",
        "nameId": 1,
        "avatarUrl": "https://chat-img.jwznb.com/%s.png" % hexid(),
        "avatarId": 42,
        "phone": "13800138000",
        "email": "demo@yhchat.example",
        "password": "yunhu-demo",
        "token": "demo-vip-0f3c9a7e-6b1d-4c2a-9e85-31d7a4b2c001",
        "field3": 0,
        "isVip": True,
        "vipExpiredTimestamp": ts(2026, 12, 31),
        "vipStatus": 1,
        "invitationCode": "YH7K2Q",
        "registerTime": "2021-12-16 12:00:26",
        "onlineDay": 1200,
        "continuousOnlineDay": 35,
        "ipGeo": "广东",
        "doNotDisturb": False,
        "banId": 0,
        "banUntilTimestamp": 0,
        "banReason": "",
        "profile": {
            "id": 1001,
            "lastLoginTime": 1763700000,
            "updateTime": 1760000000,
            "lastActiveTime": "刚刚",
            "introduction": "深圳打工人，白天写后端，晚上折腾 Rust 和开源小工具。喜欢骑行和胶片摄影，"
                            "周末常在南山的咖啡馆出没，欢迎来群里一起聊技术 ☕",
            "gender": 1,
            "birthday": ts(2000, 1, 1),
            "province": "广东省",
            "city": "深圳市",
            "district": "南山区",
            "locationCode": "440305",
            "address": "",
        },
        "medals": medals(MEDALS_VIP, 3),
        "coinRecords": vip_records,
        "notification": {
            "id": 110061, "registrationId": "1a0018970a8d3b2c", "isOpen": 1, "type": 2,
            "delFlag": 0, "createTime": 1700000000, "updateTime": 1760000000,
        },
        "moduleIgnore": ",30",
    }

    # ---- basic (non-VIP, VIP expired) account ----
    buy_t = ts(2025, 8, 2, 20, 17, 45)
    basic_buys = [(buy_t, 3000, "月度会员")]
    ev2 = gen_coin_events(ts(2025, 6, 1), ts(2025, 11, 18), 25, basic_buys, 7060000, 0.22)
    basic_records = build_records(ev2, None, 163508)
    buy_day = dt.datetime.fromtimestamp(buy_t, CST).date()
    exp_day = buy_day + dt.timedelta(days=31)
    reg = "2024-03-09 20:41:15"
    reg_ts = int(dt.datetime.strptime(reg, "%Y-%m-%d %H:%M:%S").replace(tzinfo=CST).timestamp())
    basic = {
        "id": "7290417",
        "name": "小鹿同学",
        "nameId": 2,
        "avatarUrl": "https://chat-img.jwznb.com/%s.png" % hexid(),
        "avatarId": 187,
        "phone": "",
        "email": "learner@yhchat.example",
        "password": "yunhu-demo2",
        "token": "demo-basic-5e2b8d41-93a6-4f7c-b0d2-8c61e9f3a002",
        "field3": 0,
        "isVip": False,
        "vipExpiredTimestamp": ts(exp_day.year, exp_day.month, exp_day.day),
        "vipStatus": 2,
        "invitationCode": "YH3M8D",
        "registerTime": reg,
        "onlineDay": 214,
        "continuousOnlineDay": 3,
        "ipGeo": "浙江",
        "doNotDisturb": True,
        "banId": 0,
        "banUntilTimestamp": 0,
        "banReason": "",
        "profile": {
            "id": 1002,
            "lastLoginTime": 1763612345,
            "updateTime": 1758963200,
            "lastActiveTime": "3小时前",
            "introduction": "大三在读，备考英语六级和教资中📚 平时喜欢看书、做手账，偶尔拍拍西湖的日落。找学习搭子一起打卡！",
            "gender": 2,
            "birthday": ts(2003, 5, 20),
            "province": "浙江省",
            "city": "杭州市",
            "district": "西湖区",
            "locationCode": "330106",
            "address": "",
        },
        "medals": medals(MEDALS_BASIC, 41),
        "coinRecords": basic_records,
        "notification": {
            "id": 128774, "registrationId": "13165ffa4e7c9d01", "isOpen": 0, "type": 2,
            "delFlag": 0, "createTime": reg_ts + 312, "updateTime": 1758963200,
        },
        "moduleIgnore": "",
    }
    return [vip, basic]


# --------------------------------------------------------------------------------------------
# Discover groups
# --------------------------------------------------------------------------------------------

CATEGORIES = ["精选", "粉丝群", "地区", "IT/互联网", "玩机", "游戏", "资讯订阅"]
COUNTS = {"精选": 81, "粉丝群": 96, "地区": 127, "IT/互联网": 113, "玩机": 88, "游戏": 104, "资讯订阅": 79}

# --- names: (nickname, topic) pairs; specials first, then combinations ---

SPECIAL = {
    "精选": [
        ("云湖官方交流群", "云湖"), ("云湖新人报到处", "云湖"), ("摄影爱好者联盟📷", "摄影"),
        ("考研学习打卡群", "考研"), ("每月读一本书 · 读书会", "读书"), ("独立游戏开发者之家", "独立游戏"),
        ("猫咪星球🐱", "养猫"), ("深夜食堂", "美食"), ("日语学习互助小组", "日语"),
        ("手账与文具控", "手账"), ("AI 绘画研究所 | Stable Diffusion & ComfyUI", "AI 绘画"),
        ("城市骑行俱乐部🚴", "骑行"), ("周末徒步 & 露营 & 观星 —— 户外爱好者大本营", "户外"),
        ("程序员摸鱼聊天室", "程序员"), ("英语角 English Corner", "英语"),
        ("胶片摄影与暗房冲洗技术交流（黑白/彩色）", "摄影"), ("自学编程从零开始，互助学习不掉队", "编程"),
        ("Rust 中文社区（精选推荐）", "Rust"),
    ],
    "粉丝群": [
        ("星河Stella 官方粉丝群", "星河Stella"), ("阿瓜不吃瓜的直播间🍉", "阿瓜不吃瓜"),
        ("林未央全国歌迷会（一群·已满请加二群）", "林未央"),
        ("橘子汽水Orange 后援会🍊", "橘子汽水Orange"), ("老K说游戏 铁粉群", "老K说游戏"),
    ],
    "地区": [
        ("杭州同城交流群", "杭州"), ("成都美食分享", "成都"), ("深圳南山程序员下班后羽毛球约球群（新手友好）", "深圳"),
        ("北京租房信息互助（无中介）", "北京"), ("上海 Citywalk 爱好者🚶", "上海"),
        ("广州早茶地图 · 老广带路", "广州"), ("重庆摄影约拍群📷", "重庆"),
    ],
    "IT/互联网": [
        ("Rust 中文社区", "Rust"), ("Rust 异步编程研讨（tokio / async-std）", "Rust"),
        ("Rust 嵌入式与 WebAssembly 🦀", "Rust"), ("Rust 新手学习互助", "Rust"), ("前端开发交流", "前端"),
        ("开源项目孵化", "开源"), ("独立开发者出海 & 副业交流（SaaS / App / 小程序）", "独立开发"),
        ("大模型应用开发 LLM / RAG / Agent", "大模型"), ("程序员面试刷题 LeetCode 每日一题", "算法"),
        ("35岁程序员转型与职业规划讨论群", "职业规划"),
    ],
    "玩机": [
        ("小米玩机交流", "小米"), ("Magisk 模块分享", "Magisk"), ("KernelSU 交流群", "KernelSU"),
        ("LSPosed 模块讨论", "LSPosed"), ("Shizuku 玩家俱乐部", "Shizuku"), ("类原生 ROM 爱好者", "类原生"),
        ("平板与电纸书", "平板"), ("机械键盘玩家⌨️", "机械键盘"), ("NAS 与家庭服务器", "NAS"),
        ("软路由 / OpenWrt 交流", "OpenWrt"), ("手机摄影技巧分享📱", "手机摄影"),
        ("旧手机改造：刷 Linux、做服务器、当监控摄像头", "旧手机"),
    ],
    "游戏": [
        ("原神同好会", "原神"), ("我的世界服务器", "我的世界"), ("我的世界 生存服 1.20 纯净 无作弊", "我的世界"),
        ("星露谷物语 🌾 一起种田", "星露谷物语"), ("独立游戏试玩与评测", "独立游戏"),
        ("Steam 喜加一情报站 🎮", "Steam"), ("明日方舟 危机合约 攻略讨论 & 作业分享", "明日方舟"),
    ],
    "资讯订阅": [
        ("每日科技早报", "科技"), ("财经快讯", "财经"), ("Rust 周报中文版", "Rust"),
        ("开源软件更新速递（GitHub Trending 每日推送）", "开源软件"), ("摄影器材与技巧周刊📷", "摄影"),
        ("考研公考学习资讯汇总", "考研"), ("Hacker News 中文精选", "科技"),
    ],
}

COMBO = {
    "精选": (
        ["读书", "电影", "追剧", "音乐", "吉他", "钢琴", "绘画", "书法", "摄影", "旅行", "美食", "烘焙", "咖啡",
         "健身", "跑步", "瑜伽", "篮球", "羽毛球", "游泳", "钓鱼", "养猫", "养狗", "多肉植物", "汉服", "cosplay",
         "桌游", "剧本杀", "天文", "历史", "诗词", "动漫", "模型", "手工", "考研", "考公", "雅思", "编程", "理财",
         "宝妈", "大学生", "职场", "心理学", "播客", "vlog", "古风", "乐高"],
        ["爱好者", "交流群", "同好会", "互助群", "分享群", "小组", "俱乐部", "研究所", "打卡群", "学习群", "聊天室", "之家"],
    ),
    "粉丝群": (
        ["夏栀", "简一禾", "顾南星", "白鹭Lulu", "沈听澜", "咸鱼大王", "小熊软糖", "月半小夜曲", "江小鱼",
         "乔木木", "陈十一", "苏一念", "糯米团子", "南风知我意", "K酱", "七七不吃香菜", "周末乐队", "追光者乐队",
         "北纬三十度乐队", "鹿鸣", "阿北说车", "程序员老周", "画画的小兔", "一只大橘猫", "Mika米卡", "听风Wind",
         "柚子Yuzu", "叶知秋", "大鹏在钓鱼", "王小胖吃遍全国", "星野Hoshino", "安然", "温言"],
        ["粉丝群", "后援会", "粉丝一群", "粉丝二群", "歌迷会", "铁粉群", "直播间粉丝群", "应援站", "官方粉丝群🌟",
         "粉丝福利群", "超话交流群", "宝宝们的家"],
    ),
    "地区": (
        ["北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "重庆", "武汉", "西安", "长沙", "郑州",
         "天津", "青岛", "厦门", "福州", "合肥", "济南", "沈阳", "大连", "哈尔滨", "长春", "昆明", "贵阳", "南宁",
         "海口", "三亚", "兰州", "乌鲁木齐", "呼和浩特", "太原", "石家庄", "南昌", "宁波", "无锡", "佛山", "东莞",
         "珠海", "温州", "拉萨", "西宁", "银川", "广东", "浙江", "四川", "湖南", "山东", "河南", "江苏", "福建"],
        ["同城交流群", "美食分享", "租房信息互助", "摄影约拍", "跑步俱乐部", "宝妈交流群", "IT人聚集地",
         "大学生联盟", "老乡会", "求职内推", "周末户外", "学习打卡", "二手闲置", "宠物之家", "交友群", "骑行群",
         "吃喝玩乐", "考研互助"],
    ),
    "IT/互联网": (
        ["Go", "Python", "Java", "C++", "Kotlin", "Swift", "Flutter", "Vue", "React", "Node.js", "TypeScript",
         "Linux", "数据库", "DevOps", "Kubernetes", "云原生", "机器学习", "深度学习", "网络安全", "嵌入式",
         "单片机", "后端", "产品经理", "UI设计", "运维", "算法", "小程序", "鸿蒙开发", "Android", "iOS",
         "游戏开发", "Unity", "大数据", "测试开发", "区块链", "Web3", "Zig", "Haskell", "PHP", "C#"],
        ["中文社区", "开发交流", "学习小组", "技术交流群", "新手互助", "面试交流", "踩坑记录", "源码阅读会",
         "技术沙龙", "从入门到放弃", "进阶群", "求职内推"],
    ),
    "玩机": (
        ["小米", "红米", "一加", "华为", "荣耀", "OPPO", "vivo", "真我", "魅族", "三星", "索尼", "Pixel", "iPhone",
         "iQOO", "努比亚", "红魔", "黑莓", "诺基亚", "摩托罗拉", "iPad", "小米平板", "ROG", "联想拯救者"],
        ["玩机交流", "刷机交流群", "Root & 模块", "ROM 分享", "机友会", "救砖互助", "系统内测交流", "用户群",
         "玩机技巧", "二手交易"],
    ),
    "游戏": (
        ["原神", "我的世界", "崩坏：星穹铁道", "王者荣耀", "和平精英", "明日方舟", "英雄联盟", "蛋仔派对",
         "第五人格", "光·遇", "金铲铲之战", "泰拉瑞亚", "饥荒", "三国杀", "阴阳师", "永劫无间", "CS2", "DOTA2",
         "植物大战僵尸", "宝可梦", "塞尔达传说", "艾尔登法环", "火影忍者手游", "QQ飞车", "开心消消乐", "象棋",
         "围棋", "炉石传说", "恋与深空", "绝区零"],
        ["同好会", "交流群", "开黑车队", "攻略分享", "萌新互助", "抽卡欧气群", "同人创作", "数据讨论",
         "休闲玩家", "高玩交流"],
    ),
    "资讯订阅": (
        ["科技", "财经", "体育", "数码", "游戏", "汽车", "房产", "教育", "健康", "国际", "天气", "考研", "公考",
         "航天", "AI", "电影", "动漫新番", "图书", "招聘", "法律", "农业", "新能源", "半导体", "足球", "NBA",
         "股市", "基金", "留学", "旅行", "美食"],
        ["早报", "快讯", "日报", "周刊", "速递", "每日推送", "资讯订阅", "观察", "晚报", "一分钟", "精选"],
    ),
}

# --- introductions ---

SHORT_INTROS = {
    "*": ["欢迎加入", "禁止广告", "新人请看群公告", "友善交流，禁止引战", "一起玩呀～", "随便聊聊", "佛系群，潜水也欢迎",
          "交流{topic}", "{topic}爱好者的小窝", "不定期发福利🎁", "进群请改备注"],
    "精选": ["一起学习，一起进步", "每天进步一点点", "分享快乐", "周末约起来"],
    "粉丝群": ["爱你么么哒❤", "{topic}的宝宝们在这里", "直播提醒 + 福利", "理性追星"],
    "地区": ["{topic}本地人交流", "同城互助，真诚交友", "在{topic}的朋友进来聊"],
    "IT/互联网": ["技术交流，禁止广告", "只聊技术", "Talk is cheap, show me the code.", "{topic} 相关问题都可以问"],
    "玩机": ["刷机有风险，操作需谨慎", "玩机交流，互帮互助", "{topic}机友集合"],
    "游戏": ["一起开黑", "萌新友好", "车队常驻，随时上车🚗"],
    "资讯订阅": ["每日推送，不聊天", "仅推送，勿扰", "{topic}资讯，每天 8:00 推送"],
}

SENTENCES = {
    "*": [
        "欢迎加入{name}！", "本群成立于{year}年，目前已有{hc}位群友。", "进群请先阅读群公告。",
        "禁止发广告、刷屏和无关链接，违者直接移出。", "有问题直接问，不要问“在吗”。", "群内请友善交流，禁止人身攻击。",
        "潜水的朋友也欢迎冒泡～", "管理员会不定期清理长期不发言的成员。", "周末有时会组织线上活动，欢迎参加🎉",
        "新人进群请改一下群昵称，格式：城市-昵称。", "本群不收费，也不带货。",
    ],
    "精选": [
        "这里是{topic}爱好者的聚集地。", "每周日晚上 8 点固定分享会，轮流主持。", "我们坚持每天打卡，一起学习，一起进步。",
        "群里有不少大佬，也有刚入门的新手，大家互相帮助。", "欢迎分享你的作品和心得。", "本群是云湖编辑推荐群聊之一。",
        "推荐新人先看群文件里的入门资料。", "禁止搬运他人作品不注明出处。",
    ],
    "粉丝群": [
        "{topic}官方认证粉丝群，直播开播会第一时间通知。", "请大家理性追星，不要在其他平台引战。", "每月抽奖送签名照和周边🎁",
        "应援活动请关注群公告。", "新歌上线记得打榜！", "这里是{topic}的宝宝们的家❤", "二群已开，一群满员请加二群。",
        "禁止发布未经允许的私人行程和照片。",
    ],
    "地区": [
        "{topic}的朋友欢迎加入，同城交友、互助、分享生活。", "群里经常组织线下聚会和周末活动。", "租房、求职、二手闲置信息都可以发，但请勿刷屏。",
        "本地美食探店分享，踩雷也请告诉大家。", "在{topic}工作、上学或者刚来{topic}的都欢迎。", "周末常约拍照、爬山、打球。",
        "外地朋友想来{topic}旅游也可以进群问攻略。",
    ],
    "IT/互联网": [
        "{topic} 技术交流群，欢迎各个水平的开发者。", "提问前请先搜索，贴代码请用代码块或 paste 链接。", "不定期组织线上分享和源码阅读。",
        "群里有很多一线工程师，内推机会也不少。", "Newbie friendly, 英文交流也 OK。", "禁止发布招聘以外的广告，招聘请注明薪资范围。",
        "欢迎分享你的开源项目⭐", "我们每周五晚上做一次 Code Review 直播。", "学习路线和推荐书单见群文件。",
    ],
    "玩机": [
        "{topic}机型玩机交流，刷机、Root、模块、救砖都可以聊。", "刷机有风险，操作前请务必备份数据。", "群文件有常用工具和驱动下载。",
        "新版本系统更新第一时间分享体验。", "禁止倒卖破解资源。", "救砖请先描述清楚机型、系统版本和操作步骤。",
        "支持 Android 14/15，部分教程也适用于平板。",
    ],
    "游戏": [
        "{topic}玩家交流群，攻略、组队、闲聊都欢迎。", "每晚 9 点固定开黑，车队常驻🚗", "萌新有问题可以问群里的大佬。",
        "禁止代练、外挂和账号交易。", "版本更新后会整理最新攻略。", "不定期举办群内比赛，有奖品🏆", "欧皇请发截图，非酋互相安慰。",
    ],
    "资讯订阅": [
        "每天早上 8:00 推送{topic}领域的重要新闻。", "只推送，不闲聊，如需讨论请加交流群。", "内容由机器人自动整理，人工审核。",
        "来源包括主流媒体和公开数据，仅供参考。", "周末推送本周精选，约 10 条。", "可以在群里 @ 管理员反馈错误信息。",
        "订阅 {hc}+，感谢大家支持📰",
    ],
}

# generic lines that do not fit a push-only news channel
NOT_FOR_NEWS = {"一起玩呀～", "随便聊聊", "佛系群，潜水也欢迎", "进群请改备注", "潜水的朋友也欢迎冒泡～",
                "有问题直接问，不要问“在吗”。", "新人进群请改一下群昵称，格式：城市-昵称。",
                "周末有时会组织线上活动，欢迎参加🎉", "群内请友善交流，禁止人身攻击。"}
SINGERS = {"夏栀", "简一禾", "顾南星", "沈听澜", "苏一念", "周末乐队", "追光者乐队", "北纬三十度乐队", "鹿鸣",
           "林未央", "星河Stella", "安然", "温言", "叶知秋", "Mika米卡", "月半小夜曲", "听风Wind"}
SONG_LINE = "新歌上线记得打榜！"
STREAMER_LINE = "直播回放和精彩切片都在群文件里。"


def suitable(cat, topic, lines):
    out = []
    for s in lines:
        if cat == "资讯订阅" and s in NOT_FOR_NEWS:
            continue
        if cat == "粉丝群" and s == SONG_LINE and topic not in SINGERS:
            s = STREAMER_LINE
        out.append(s)
    return out


MIXED_TAILS = ["🔥", "✨", "🎉", "👍", " Welcome!", " (since {year})", " 💬", " QQ 群已停用，以本群为准。", " v2.0"]


def fill(s, name, topic, year, hc):
    return s.format(name=name, topic=topic, year=year, hc=hc)


def make_intro(cat, name, topic, year, hc):
    r = rng.random()
    if r < 0.005:
        return ""
    if r < 0.34:
        pool = suitable(cat, topic, SHORT_INTROS["*"] + SHORT_INTROS[cat] * 2)
        s = fill(rng.choice(pool), name, topic, year, hc)
        if rng.random() < 0.15:
            s += fill(rng.choice(MIXED_TAILS), name, topic, year, hc)
        return s
    long_mode = r >= 0.72
    lo, hi = (60, 150) if long_mode else (20, 59)
    pool = suitable(cat, topic, SENTENCES[cat] * 2 + SENTENCES["*"])
    rng.shuffle(pool)
    out = ""
    used = set()
    for s in pool:
        if s in used:
            continue
        t = fill(s, name, topic, year, hc)
        if len(out) + len(t) > hi:
            continue
        out += t
        used.add(s)
        if len(out) >= lo and rng.random() < 0.5:
            break
    if len(out) < lo:  # fall back: pad with generic short sentences that fit
        for s in suitable(cat, topic, SENTENCES["*"] + SENTENCES[cat]):
            t = fill(s, name, topic, year, hc)
            if s not in used and len(out) + len(t) <= hi:
                out += t
                used.add(s)
            if len(out) >= lo:
                break
    if rng.random() < 0.2:
        t = fill(rng.choice(MIXED_TAILS), name, topic, year, hc)
        if len(out) + len(t) <= hi:
            out += t
    return out


def headcount(cat):
    mu = {"精选": 7.2, "粉丝群": 7.0, "地区": 5.6, "IT/互联网": 6.0, "玩机": 6.0, "游戏": 6.3, "资讯订阅": 6.4}[cat]
    return max(3, min(50000, int(rng.lognormvariate(mu, 1.3))))


def build_discover():
    used_ids = set()

    def new_chat_id():
        while True:
            c = str(rng.randint(100000000, 999999999))
            if c not in used_ids:
                used_ids.add(c)
                return c

    lo_t, hi_t = ts(2020, 1, 1), ts(2025, 10, 31)
    groups = {}
    for cat in CATEGORIES:
        want = COUNTS[cat]
        names = list(SPECIAL[cat])
        seen = {n for n, _ in names}
        topics, suffixes = COMBO[cat]
        tries = 0
        while len(names) < want:
            tries += 1
            assert tries < 100000
            topic, suf = rng.choice(topics), rng.choice(suffixes)
            sep = " " if (topic[-1].isascii() and topic[-1].isalnum() and not suf[0].isascii()) and rng.random() < 0.5 else ""
            if suf[0].isascii():
                sep = " "
            n = topic + sep + suf
            if n in seen:
                continue
            seen.add(n)
            names.append((n, topic))
        rng.shuffle(names)
        lst = []
        for n, topic in names:
            ct = rng.randint(lo_t, hi_t)
            hc = headcount(cat)
            year = dt.datetime.fromtimestamp(ct, CST).year
            lst.append({
                "chatId": new_chat_id(),
                "banId": 0,
                "nickname": n,
                "introduction": make_intro(cat, n, topic, year, hc),
                "avatarUrl": "https://chat-img.jwznb.com/%s.jpg" % hexid(),
                "headcount": hc,
                "createTime": ct,
            })
        groups[cat] = lst
    # a couple of banned groups
    for cat in ("地区", "游戏", "精选"):
        rng.choice(groups[cat])["banId"] = 1
    return {"categories": list(CATEGORIES), "groups": groups}


# --------------------------------------------------------------------------------------------
# Bots
# --------------------------------------------------------------------------------------------

BOTS = [
    ("天气小助手", "发送城市名即可查询实时天气和未来 7 天预报，支持全国 3000+ 城市 ☀️🌧️"),
    ("翻译官", "中英日韩互译，@我 + 要翻译的内容即可。支持自动识别语言。"),
    ("每日一言", "每天早上 7:30 推送一句诗词或名言，开启元气满满的一天。"),
    ("小云AI问答", "基于大语言模型的智能问答机器人，写文案、解答问题、聊天都可以。回复内容仅供参考。"),
    ("群管家", "入群欢迎、关键词自动回复、刷屏禁言、定时公告，一站式群管理。"),
    ("签到姬", "每日签到领积分，连续签到有额外奖励，支持群排行榜📊"),
    ("点歌台", "发送“点歌 + 歌名”即可分享音乐卡片🎵"),
    ("表情包工厂", "斗图神器！输入关键词自动搜索表情包，也可以把文字生成表情包。"),
    ("RSS订阅", "订阅任意 RSS/Atom 源，有更新自动推送到群聊或私聊。"),
    ("提醒事项", "“明天下午3点提醒我开会”——用自然语言设置提醒，准时通知你⏰"),
    ("汇率换算", "实时汇率查询与换算，支持 160+ 种货币，例如：100 USD 换 CNY"),
    ("快递查询", "发送快递单号自动识别快递公司并查询物流信息📦"),
    ("Rust Playground", "在聊天中运行 Rust 代码片段，支持 stable/nightly，返回编译输出 🦀"),
    ("摸鱼日历", "每天推送摸鱼日历：距离周末、节假日还有几天。"),
    ("知识问答挑战", "每日 10 道知识竞答题，答对积分，周榜前三有奖。"),
    ("番剧更新提醒", "追番必备，订阅后新番更新第一时间提醒你。"),
    ("单词打卡", "每日背单词、复习提醒、学习统计，四六级 / 考研 / 雅思词库都有📚"),
    ("B站动态推送", "订阅 UP 主动态，视频和直播开播自动推送。"),
    ("抽奖助手", "群内一键发起抽奖，支持定时开奖和多奖项设置🎁"),
    ("GitHub 通知", "绑定仓库后推送 Issue、PR、Release 和 CI 状态。"),
    ("早报机器人", "每日早报：国内外要闻、科技、财经 60 秒看完。"),
    ("二维码生成", "发送文字或链接，返回二维码图片。"),
    ("成语接龙", "来一局成语接龙吧！支持多人群内对战。"),
    ("记账本", "“午饭 25”即可记账，每周生成消费报表💰"),
]


def build_bots():
    ids = set()
    out = []
    for i, (name, intro) in enumerate(BOTS):
        while True:
            cid = str(rng.randint(10000000, 99999999))
            if cid not in ids:
                ids.add(cid)
                break
        hc = max(12, int(rng.lognormvariate(7.3, 1.2)))
        out.append({
            "chatId": cid,
            "chatType": "3",
            "headcount": str(hc),
            "nickname": name,
            "introduction": intro,
            "introductions": "",
            "avatarUrl": "https://chat-img.jwznb.com/%s.png" % hexid(),
            "isAdd": 0 if i in (5, 13, 20) else 1,
            "isApply": 1 if i in (4, 19) else 0,
            "alwaysAgree": 0 if i in (4, 8, 19, 22) else 1,
        })
    return out


# --------------------------------------------------------------------------------------------
# Service (misc endpoints)
# --------------------------------------------------------------------------------------------

def build_service():
    return {
        "distribution": {
            "audioUrl": "https://chat-audio1.jwznb.com/",
            "fileUrl": "https://chat-file.jwznb.com/",
            "imageUrl": "https://chat-img.jwznb.com/",
            "serverUrl": "http://chat.jwznb.com:8888/",
            "shareUrl": "https://yhfx.jwznb.com/",
            "videoUrl": "https://chat-video1.jwznb.com/",
            "websocketUrl": "wss://chat-ws-go.jwzhd.com/ws",
        },
        "setting": {
            "fileSizeLimitNormal": 40, "fileeSizeLimitVip": 1024,
            "imageSizeLimitNormal": 40, "imageSizeLimitVip": 50,
            "videoSizeLimitNormal": 40, "videoSizeLimitVip": 200,
        },
        "grayStatus": 0,
        "showAdv": {"androidCodeId": "102345678", "bottomHeight": 60, "iosCodeId": "102345679", "isShow": 0},
        "updates": [
            {"platform": "windows", "version": "1.6.58", "url": "https://chat-app.jwznb.com/YunhuSetup-1.6.58.exe",
             "length": 98123456},
            {"platform": "macos", "version": "1.6.58", "url": "", "length": 0},
            {"platform": "android", "version": "1.6.60", "url": "https://chat-app.jwznb.com/yunhu-1.6.60.apk",
             "length": 75123456},
            {"platform": "ios", "version": "1.6.60", "url": "", "length": 0},
        ],
    }


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

def validate_records(recs, min_count):
    assert len(recs) >= min_count, len(recs)
    for a, b in zip(recs, recs[1:]):  # a newer than b
        assert a["createTime"] > b["createTime"], (a, b)
        assert a["id"] > b["id"] and a["id"] - b["id"] > 1, (a, b)
    older_first = list(reversed(recs))
    for prev, cur in zip(older_first, older_first[1:]):
        assert round(cur["beforeAmount"], 2) == round(prev["afterAmount"], 2), (prev, cur)
    for r in recs:
        for k in ("beforeAmount", "afterAmount", "changeAmount"):
            v = r[k]
            assert isinstance(v, (int, float)) and not isinstance(v, bool)
            assert abs(v * 100 - round(v * 100)) < 1e-6, (k, v)  # at most 2 decimals
        before, after, change = (cents_of(r["beforeAmount"]), cents_of(r["afterAmount"]),
                                 cents_of(r["changeAmount"]))
        assert before >= 0 and after >= 0
        assert after != before
        assert abs(change) == abs(after - before), r
        if after > before:
            assert change > 0 and r["reason"] in INCOME_REASONS, r
        else:
            assert r["reason"] in SPEND_REASONS, r
        assert COIN_TYP[r["reason"]] == r["typ"]
    spends = [r for r in recs if r["reason"] in SPEND_REASONS]
    neg = [r for r in spends if r["changeAmount"] < 0]
    assert spends and 0 < len(neg) < len(spends)


def validate(accounts, discover, bots, service):
    assert len(accounts) == 2
    vip, basic = accounts
    assert vip["isVip"] is True and vip["vipStatus"] == 1 and not basic["isVip"] and basic["vipStatus"] == 2
    assert basic["vipExpiredTimestamp"] < vip["profile"]["lastLoginTime"] < vip["vipExpiredTimestamp"]
    validate_records(vip["coinRecords"], 240)
    validate_records(basic["coinRecords"], 20)
    assert len(vip["coinRecords"]) == 260 and len(basic["coinRecords"]) == 25
    for acc, n in ((vip, 12), (basic, 3)):
        ms = acc["medals"]
        assert len(ms) >= n
        sorts = [m["sort"] for m in ms]
        assert len(set(sorts)) == len(sorts)
        assert len({m["id"] for m in ms}) == len(ms)
    assert [m["sort"] for m in vip["medals"]] != sorted(m["sort"] for m in vip["medals"])
    all_rec_ids = [r["id"] for a in accounts for r in a["coinRecords"]]
    assert len(set(all_rec_ids)) == len(all_rec_ids)

    assert discover["categories"] == CATEGORIES
    assert list(discover["groups"].keys()) == CATEGORIES
    chat_ids = []
    for cat in CATEGORIES:
        gs = discover["groups"][cat]
        assert 75 <= len(gs) <= 130 and len(gs) % 10 != 0, (cat, len(gs))
        assert len({g["nickname"] for g in gs}) == len(gs)
        for g in gs:
            assert set(g) == {"chatId", "banId", "nickname", "introduction", "avatarUrl", "headcount", "createTime"}
            assert len(g["chatId"]) == 9 and g["chatId"].isdigit()
            assert 3 <= g["headcount"] <= 50000
            assert ts(2020, 1, 1) <= g["createTime"] < ts(2026, 1, 1)
            assert len(g["introduction"]) <= 150
            chat_ids.append(g["chatId"])
    assert len(set(chat_ids)) == len(chat_ids)

    def hits(word, cats=CATEGORIES):
        return [g for c in cats for g in discover["groups"][c]
                if word.lower() in (g["nickname"] + g["introduction"]).lower()]

    assert len(hits("学习")) >= 5
    assert len({c for c in CATEGORIES if any(word_in(g, "学习") for g in discover["groups"][c])}) >= 3
    assert len(hits("Rust", ["IT/互联网"])) >= 3
    assert len({c for c in CATEGORIES if any(word_in(g, "摄影") for g in discover["groups"][c])}) >= 3
    assert len(hits("摄影")) >= 3
    intro_lens = [len(g["introduction"]) for c in CATEGORIES for g in discover["groups"][c]]
    assert sum(1 for n in intro_lens if 60 <= n <= 150) >= 50
    assert sum(1 for n in intro_lens if 0 < n < 20) >= 50
    assert sum(1 for c in CATEGORIES for g in discover["groups"][c] if g["banId"]) >= 2

    assert len(bots) >= 20
    assert len({b["chatId"] for b in bots}) == len(bots)
    for b in bots:
        assert b["chatType"] == "3" and isinstance(b["headcount"], str) and b["headcount"].isdigit()
        assert all(b[k] in (0, 1) for k in ("isAdd", "isApply", "alwaysAgree"))
    assert sum(b["isAdd"] for b in bots) > len(bots) // 2

    assert [u["platform"] for u in service["updates"]] == ["windows", "macos", "android", "ios"]
    assert "fileeSizeLimitVip" in service["setting"]


def word_in(g, w):
    return w.lower() in (g["nickname"] + g["introduction"]).lower()


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out", default=os.path.join(root, "assets", "demo"))
    args = ap.parse_args()

    # fixed generation order keeps the output stable
    accounts = build_accounts()
    discover = build_discover()
    bots = build_bots()
    service = build_service()
    validate(accounts, discover, bots, service)

    os.makedirs(args.out, exist_ok=True)
    files = {"accounts.json": accounts, "discover.json": discover, "bots.json": bots, "service.json": service}
    for name, obj in files.items():
        path = os.path.join(args.out, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")
    # re-load what was written: valid JSON, same content
    for name, obj in files.items():
        with open(os.path.join(args.out, name), encoding="utf-8") as f:
            assert json.load(f) == obj, name
    vip = accounts[0]
    print("ok: VIP balance %s, %d VIP records, groups %s, %d bots" % (
        vip["coinRecords"][0]["afterAmount"], len(vip["coinRecords"]),
        {c: len(discover["groups"][c]) for c in CATEGORIES}, len(bots)), file=sys.stderr)


if __name__ == "__main__":
    main()
